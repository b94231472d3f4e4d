using System.Text.Json;
using AudioMusic.TestSupport;
using Microsoft.Playwright;

namespace AudioMusic.Studio.Tests;

/// <summary>Making a song from the page: progress from the job's event stream to the end, the player playing it, a
/// download decoded as audio, cancel, the API's own field errors, and simple mode's editable plan.</summary>
[Collection(StudioCollection.Name)]
public sealed class CreateAndListenTests(StudioFixture fixture)
{
    [SkippableFact]
    public async Task A_song_made_from_the_page_reaches_the_end_plays_and_stays_on_the_host()
    {
        var (page, requests) = await fixture.Browser.NewPageAsync();
        await StudioPage.OpenAsync(page, fixture.Address, "/");
        Assert.EndsWith("/studio/", page.Url, StringComparison.Ordinal);

        await page.FillAsync("#f-caption", "bright synth pop, punchy drums");
        await page.FillAsync("#f-lyrics", "[verse]\nLights on the water tonight\n[chorus]\nWe run till the morning light");
        await page.ClickAsync("#advanced summary");
        await page.FillAsync("#f-duration", "12");
        await page.FillAsync("#f-seed", "5");
        await page.Keyboard.PressAsync("Control+Enter");

        await page.Locator("#watch-status").Filter(new() { HasText = "COMPLETED" }).WaitForAsync();
        Assert.Equal(100, await page.EvalOnSelectorAsync<double>("#watch-progress", "p => p.value"));
        Assert.Contains("done", await page.TextContentAsync("#watch-detail"), StringComparison.Ordinal);

        var id = new Uri(await WaitForJobInUrlAsync(page)).Query.Split("job=")[1];
        var job = await fixture.Server.StatusAsync(id);
        Assert.Equal(5, job.GetProperty("actual_seeds")[0].GetInt32());
        var duration = job.GetProperty("audio_duration").GetDouble();

        var audio = page.Locator(".output audio").First;
        await audio.WaitForAsync();
        var played = await audio.EvaluateAsync<JsonElement>("""
            async a => {
              if (!(a.duration > 0)) await new Promise(r => a.addEventListener('loadedmetadata', r, { once: true }));
              await a.play();
              const start = performance.now();
              while (a.currentTime < 0.3 && performance.now() - start < 10000) await new Promise(r => setTimeout(r, 50));
              a.pause();
              return { duration: a.duration, time: a.currentTime };
            }
            """);
        Assert.Equal(duration, played.GetProperty("duration").GetDouble(), 0.05);
        Assert.True(played.GetProperty("time").GetDouble() >= 0.3, $"the player did not advance: {played}");
        Assert.True(await page.Locator(".output canvas.waveform").EvaluateAsync<bool>(
            "c => c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 === 3 && v > 0)"), "the waveform is blank");
        Assert.True(await page.Locator(".lyrics li").CountAsync() >= 2, "the timed lyrics are not shown");

        var outside = requests.Where(url => new Uri(url).Authority != fixture.Address.Authority && !url.StartsWith("blob:", StringComparison.Ordinal)
            && !url.StartsWith("data:", StringComparison.Ordinal)).ToList();
        Assert.True(outside.Count == 0, "requests outside the host: " + string.Join(", ", outside));
    }

    [SkippableFact]
    public async Task A_download_from_the_page_is_the_audio_in_the_format_chosen()
    {
        var id = (await fixture.Server.SubmitAsync("prompt2instrumental", """{"prompt": "warm lo-fi keys", "duration": 10, "seed": 8, "display_name": "Download me"}"""))
            .GetProperty("id").GetString()!;
        await fixture.Server.WaitForStatusAsync(id, "COMPLETED");
        var (page, _) = await fixture.Browser.NewPageAsync();
        await StudioPage.OpenAsync(page, fixture.Address, $"/studio/?job={id}");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(".output button[aria-label='Download MP3']"));
        Assert.Equal("Download me.mp3", download.SuggestedFilename);
        using var file = TemporaryFile.Create(".mp3");
        await download.SaveAsAsync(file.Path);
        var probe = MediaProbe.Of(file.Path);
        Assert.Equal("mp3", probe.Codec);
        var decoded = ExternalDecoder.Decode(file.Path);
        Assert.Equal(10, decoded.DurationSeconds, 0.2);
        Assert.True(Loudness.Measure(file.Path).IntegratedLufs > -30, "the downloaded MP3 is near silence");
    }

    [SkippableFact]
    public async Task A_long_job_is_cancelled_from_the_page_and_can_be_retried()
    {
        var (page, _) = await fixture.Browser.NewPageAsync();
        await StudioPage.OpenAsync(page, fixture.Address, "/studio/");
        await page.CheckAsync("input[name=mode][value=instrumental]");
        await page.FillAsync("#f-caption", "a long ambient drone");
        await page.ClickAsync("#advanced summary");
        await page.FillAsync("#f-duration", "600");
        await page.FillAsync("#f-batch", "4");
        await page.ClickAsync("#generate-button");
        await page.Locator("#watch-status").Filter(new() { HasTextRegex = new("PENDING|PROCESSING") }).WaitForAsync();
        await page.ClickAsync("#cancel-button");

        await page.Locator("#watch-status").Filter(new() { HasText = "CANCELLED" }).WaitForAsync();
        await page.Locator("#retry-button").WaitForAsync();
        Assert.True(await page.Locator("#cancel-button").IsHiddenAsync());
    }

    [SkippableFact]
    public async Task A_bad_field_shows_the_APIs_own_message_next_to_it()
    {
        var (page, _) = await fixture.Browser.NewPageAsync();
        await StudioPage.OpenAsync(page, fixture.Address, "/studio/");
        await page.FillAsync("#f-caption", "jazz trio");
        await page.ClickAsync("#advanced summary");
        await page.FillAsync("#f-bpm", "900");
        await page.FillAsync("#f-key", "H major");
        await page.ClickAsync("#generate-button");

        using var response = await fixture.Server.PostJsonAsync("/api/v1/music/text2music", """{"caption": "jazz trio", "bpm": 900, "keyscale": "H major"}""");
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        foreach (var (field, control) in new[] { ("bpm", "#f-bpm"), ("keyscale", "#f-key") })
        {
            var message = page.Locator($"#error-{control[1..]}");
            await message.WaitForAsync();
            Assert.Equal(errors.GetProperty(field)[0].GetString(), await message.TextContentAsync());
            Assert.Equal("true", await page.GetAttributeAsync(control, "aria-invalid"));
            Assert.Equal($"error-{control[1..]}", await page.GetAttributeAsync(control, "aria-describedby"));
        }
        Assert.True(await page.Locator("#watch").IsHiddenAsync(), "no job may start from an invalid form");
    }

    [SkippableFact]
    public async Task The_webhook_fields_are_sent_and_their_errors_shown_where_they_belong()
    {
        var (page, _) = await fixture.Browser.NewPageAsync();
        await StudioPage.OpenAsync(page, fixture.Address, "/studio/");
        await page.FillAsync("#f-caption", "webhooked song");
        await page.ClickAsync("#advanced summary");
        await page.CheckAsync("input[name=webhook_events_filter][value=started]");
        await page.ClickAsync("#generate-button");
        var filterError = page.Locator("fieldset.events .field-error");
        await filterError.WaitForAsync();
        Assert.Contains("callback_url", await filterError.TextContentAsync(), StringComparison.Ordinal);

        await page.FillAsync("#f-callback", "http://127.0.0.1/hook");
        await page.ClickAsync("#generate-button");
        var urlError = page.Locator("#error-f-callback");
        await urlError.WaitForAsync();
        using var response = await fixture.Server.PostJsonAsync("/api/v1/music/text2music",
            """{"caption": "webhooked song", "callback_url": "http://127.0.0.1/hook", "webhook_events_filter": ["started"]}""");
        var expected = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("callback_url")[0].GetString();
        Assert.Equal(expected, await urlError.TextContentAsync());
        Assert.Equal(0, await filterError.CountAsync());
    }

    [SkippableFact]
    public async Task Simple_mode_shows_the_plan_for_editing_and_generates_what_was_edited()
    {
        var (page, _) = await fixture.Browser.NewPageAsync();
        await StudioPage.OpenAsync(page, fixture.Address, "/studio/");
        await page.CheckAsync("input[name=mode][value=simple]");
        await page.FillAsync("#f-query", "a happy country song about a road trip");
        await page.ClickAsync("#advanced summary");
        await page.FillAsync("#f-seed", "11");
        await page.ClickAsync("#plan-button");
        await page.Locator("#plan").WaitForAsync();

        Assert.NotEmpty(await page.InputValueAsync("#p-caption"));
        Assert.Contains("[chorus]", await page.InputValueAsync("#p-lyrics"), StringComparison.Ordinal);
        Assert.Matches("^[0-9]+$", await page.InputValueAsync("#p-bpm"));
        Assert.NotEmpty(await page.InputValueAsync("#p-key"));
        Assert.NotEmpty(await page.InputValueAsync("#p-meter"));
        await page.FillAsync("#p-caption", "country, acoustic guitar, fiddle, road trip");
        await page.FillAsync("#p-lyrics", "[verse]\nWindows down on a dusty road\n[chorus]\nSing it loud and let it go");
        await page.FillAsync("#p-bpm", "104");
        await page.FillAsync("#p-key", "G major");
        await page.FillAsync("#p-duration", "14");
        await page.ClickAsync("#generate-button");
        await page.Locator("#watch-status").Filter(new() { HasText = "COMPLETED" }).WaitForAsync();

        var id = new Uri(await WaitForJobInUrlAsync(page)).Query.Split("job=")[1];
        var job = await fixture.Server.StatusAsync(id);
        var parameters = job.GetProperty("parameters");
        Assert.Equal("text2music", job.GetProperty("task").GetString());
        Assert.Equal("country, acoustic guitar, fiddle, road trip", parameters.GetProperty("caption").GetString());
        Assert.Equal(104, job.GetProperty("resolved").GetProperty("bpm").GetInt32());
        Assert.Equal("G major", job.GetProperty("resolved").GetProperty("keyscale").GetString());
        Assert.Equal(14, job.GetProperty("audio_duration").GetDouble(), 0.5);
        Assert.Equal(11, job.GetProperty("actual_seeds")[0].GetInt32());
        using var planned = await fixture.Server.PostJsonAsync("/api/v1/music/simple/plan", """{"query": "a happy country song about a road trip", "seed": 11}""");
        var preset = JsonDocument.Parse(await planned.Content.ReadAsStringAsync()).RootElement.GetProperty("request").GetProperty("genre_preset").GetString();
        Assert.NotNull(preset);
        Assert.Equal(preset, parameters.GetProperty("genre_preset").GetString(), ignoreCase: true);
    }

    private static async Task<string> WaitForJobInUrlAsync(IPage page)
    {
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("job=[0-9a-f-]+"));
        await page.Locator(".output").First.WaitForAsync();
        return page.Url;
    }
}
