using Microsoft.Playwright;

namespace AudioMusic.Studio.Tests;

/// <summary>What the page does with richer outputs: variations side by side, samples that loop, the stems mixer, and
/// the lyrics editor's structure tags.</summary>
[Collection(StudioCollection.Name)]
public sealed class OutputsTests(StudioFixture fixture)
{
    [SkippableFact]
    public async Task Loop_variations_are_side_by_side_looping_and_their_stems_play_with_mute_and_solo()
    {
        var id = (await fixture.Server.SubmitAsync("text2samples", """{"prompt": "funk drum loop", "tempo": 100, "batch_size": 2, "stems": true, "seed": 6}"""))
            .GetProperty("id").GetString()!;
        await fixture.Server.WaitForStatusAsync(id, "COMPLETED");
        var (page, _) = await fixture.Browser.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        await StudioPage.OpenAsync(page, fixture.Address, $"/studio/?job={id}");

        var cards = page.Locator(".output");
        await cards.Nth(1).WaitForAsync();
        Assert.Equal(2, await cards.CountAsync());
        var first = await cards.Nth(0).BoundingBoxAsync();
        var second = await cards.Nth(1).BoundingBoxAsync();
        Assert.True(Math.Abs(first!.Y - second!.Y) < 1 && second.X > first.X, "the variations are not side by side");
        Assert.Equal(["Variation 1", "Variation 2"], await page.Locator(".output h3").AllTextContentsAsync());
        Assert.True(await page.Locator(".output audio").First.EvaluateAsync<bool>("a => a.loop"));
        await page.Locator("#loop-0").UncheckAsync();
        Assert.False(await page.Locator(".output audio").First.EvaluateAsync<bool>("a => a.loop"));

        var stems = cards.Nth(0).Locator(".stems");
        Assert.Equal(["vocals", "drums", "bass", "other"], await stems.Locator(".row span").AllTextContentsAsync());
        await stems.GetByLabel("Solo drums").CheckAsync();
        var play = stems.GetByRole(AriaRole.Button, new() { Name = "Play stems" });
        await play.ClickAsync();
        await stems.GetByRole(AriaRole.Button, new() { Name = "Stop stems" }).WaitForAsync();
        Assert.Null(await stems.Locator("button").GetAttributeAsync("title"));
        await stems.GetByRole(AriaRole.Button, new() { Name = "Stop stems" }).ClickAsync();
        await play.WaitForAsync();
    }

    [SkippableFact]
    public async Task The_structure_tag_buttons_put_each_tag_on_a_line_of_its_own()
    {
        var (page, _) = await fixture.Browser.NewPageAsync();
        await StudioPage.OpenAsync(page, fixture.Address, "/studio/");
        await page.ClickAsync("#create [data-tag=verse]");
        await page.Keyboard.TypeAsync("First line");
        await page.ClickAsync("#create [data-tag=chorus]");
        await page.Keyboard.TypeAsync("Second line");
        Assert.Equal("[verse]\nFirst line\n[chorus]\nSecond line", await page.InputValueAsync("#f-lyrics"));
    }
}
