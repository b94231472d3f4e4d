using Microsoft.Playwright;

namespace AudioMusic.Studio.Tests;

/// <summary>The library: filters, search, rename, live updates from the global event stream, and a shareable URL.</summary>
[Collection(StudioCollection.Name)]
public sealed class LibraryTests(StudioFixture fixture)
{
    [SkippableFact]
    public async Task The_library_filters_searches_renames_and_follows_new_jobs_live()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var loop = await SubmitAsync("text2samples", $$"""{"prompt": "drum loop", "tempo": 96, "seed": 1, "display_name": "loop {{tag}}"}""");
        var tune = await SubmitAsync("prompt2instrumental", $$"""{"prompt": "calm piano", "duration": 10, "seed": 2, "display_name": "piano {{tag}}"}""");
        var (page, _) = await fixture.Browser.NewPageAsync();
        await StudioPage.OpenAsync(page, fixture.Address, "/studio/");

        await page.FillAsync("#lib-q", tag);
        await ExpectRowsAsync(page, [tune, loop]);
        await page.SelectOptionAsync("#lib-task", "text2samples");
        await ExpectRowsAsync(page, [loop]);
        await page.SelectOptionAsync("#lib-task", "");
        await page.SelectOptionAsync("#lib-status", "COMPLETED");
        await ExpectRowsAsync(page, [tune, loop]);
        await page.SelectOptionAsync("#lib-status", "");

        // A job submitted elsewhere (another client) appears through the global event stream, with no reload.
        var live = await SubmitAsync("prompt2instrumental", $$"""{"prompt": "late arrival", "duration": 10, "seed": 3, "display_name": "live {{tag}}"}""");
        await ExpectRowsAsync(page, [live, tune, loop]);

        await page.ClickAsync($".job[data-id='{tune}'] button.link");
        await page.WaitForURLAsync($"**/studio/?job={tune}");
        await page.FillAsync("#rename", $"renamed {tag}");
        await page.ClickAsync("#rename-form button[type=submit]");
        await page.Locator($".job[data-id='{tune}'] button.link").Filter(new() { HasText = $"renamed {tag}" }).WaitForAsync();
        Assert.Equal($"renamed {tag}", (await fixture.Server.StatusAsync(tune)).GetProperty("display_name").GetString());

        // The URL carries the selected job: opened afresh, it shows that job.
        var (shared, _) = await fixture.Browser.NewPageAsync();
        await StudioPage.OpenAsync(shared, fixture.Address, $"/studio/?job={tune}");
        await shared.Locator("#detail-title").Filter(new() { HasText = $"renamed {tag}" }).WaitForAsync();
        await shared.Locator(".output audio").WaitForAsync();
    }

    [SkippableFact]
    public async Task Deleting_from_the_page_removes_the_job_and_its_audio()
    {
        var id = await SubmitAsync("prompt2instrumental", """{"prompt": "short-lived", "duration": 10, "seed": 4}""");
        var (page, _) = await fixture.Browser.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await StudioPage.OpenAsync(page, fixture.Address, $"/studio/?job={id}");
        await page.Locator(".output").WaitForAsync();
        await page.ClickAsync("#delete-button");
        await page.Locator("#detail").WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        Assert.DoesNotContain("job=", page.Url, StringComparison.Ordinal);
        using var response = await fixture.Server.Client.GetAsync($"/api/v1/music/jobs/{id}/status");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [SkippableFact]
    public async Task A_shared_link_to_a_waiting_job_follows_it_until_it_can_be_played()
    {
        // One device: while a long job runs, the linked one waits in the queue.
        var blocker = (await fixture.Server.SubmitAsync("prompt2instrumental", """{"prompt": "long blocker", "duration": 600, "batch_size": 4, "seed": 12}"""))
            .GetProperty("id").GetString()!;
        var waiting = (await fixture.Server.SubmitAsync("prompt2instrumental", """{"prompt": "waits its turn", "duration": 10, "seed": 13, "display_name": "Waiting"}"""))
            .GetProperty("id").GetString()!;
        var (page, _) = await fixture.Browser.NewPageAsync();
        await StudioPage.OpenAsync(page, fixture.Address, $"/studio/?job={waiting}");

        await page.Locator("#watch-status").Filter(new() { HasText = "PENDING" }).WaitForAsync();
        Assert.Equal("Waiting", await page.TextContentAsync("#watch-name"));
        Assert.Contains("in the queue", await page.TextContentAsync("#watch-detail"), StringComparison.Ordinal);
        using (await fixture.Server.Client.PostAsync($"/api/v1/music/jobs/{blocker}/cancel", null))
        {
        }
        await page.Locator("#watch-status").Filter(new() { HasText = "COMPLETED" }).WaitForAsync();
        await page.Locator(".output audio").WaitForAsync();
    }

    private async Task<string> SubmitAsync(string route, string json)
    {
        var id = (await fixture.Server.SubmitAsync(route, json)).GetProperty("id").GetString()!;
        await fixture.Server.WaitForStatusAsync(id, "COMPLETED");
        return id;
    }

    /// <summary>Waits until the list shows exactly these jobs, newest first.</summary>
    private static async Task ExpectRowsAsync(IPage page, string[] ids)
    {
        var expected = string.Join(",", ids);
        var shown = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            shown = string.Join(",", await page.Locator("#jobs .job").EvaluateAllAsync<string[]>("rows => rows.map(j => j.dataset.id)"));
            if (shown == expected)
            {
                return;
            }
        }
        Assert.Fail($"expected rows {expected}, the page shows {shown}");
    }
}
