using AudioMusic.TestSupport;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AudioMusic.Studio.Tests;

/// <summary>What the page is made of and who can use it: its weight, labels on every control, keyboard use, a 360 px
/// screen, both colour schemes, and the screenshots the README shows.</summary>
[Collection(StudioCollection.Name)]
public sealed class PageQualityTests(StudioFixture fixture, ITestOutputHelper output)
{
    private const int MaxPageBytes = 200 * 1024;

    [SkippableFact]
    public async Task The_page_weighs_under_200_KB_and_every_control_has_a_label()
    {
        var (page, _) = await fixture.Browser.NewPageAsync();
        await StudioPage.OpenAsync(page, fixture.Address, "/studio/");
        // What the browser loaded from /studio/ (the document, its stylesheet and every module), as served (no compression).
        var files = await page.EvaluateAsync<Dictionary<string, long>>("""
            () => Object.fromEntries(performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
              .filter(e => new URL(e.name).pathname.startsWith('/studio/'))
              .map(e => [new URL(e.name).pathname, e.decodedBodySize]))
            """);
        Assert.Contains("/studio/studio.css", files.Keys);
        Assert.Contains("/studio/js/player.js", files.Keys);
        Assert.True(files.Values.Sum() < MaxPageBytes, $"the studio's files weigh {files.Values.Sum()} bytes");
        Assert.DoesNotContain(0L, files.Values);
        // Printed, not asserted (timings belong in benchmarks): docs/benchmarks.md records them.
        var paint = await page.EvaluateAsync<double>("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1");
        output.WriteLine($"studio: {files.Count} files, {files.Values.Sum()} bytes; first contentful paint {paint:F0} ms");

        var unlabelled = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input, select, textarea, button, canvas[tabindex]')]
              .filter(c => c.type !== 'hidden')
              .filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label') && !(c.textContent || '').trim())
              .map(c => c.outerHTML.slice(0, 80))
            """);
        Assert.Empty(unlabelled);
    }

    [SkippableFact]
    public async Task The_page_works_by_keyboard_at_360_px_in_both_colour_schemes()
    {
        var (page, _) = await fixture.Browser.NewPageAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            ColorScheme = ColorScheme.Dark,
        });
        await StudioPage.OpenAsync(page, fixture.Address, "/studio/");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the page scrolls sideways at 360 px");
        var dark = await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Light });
        var light = await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
        Assert.NotEqual(dark, light);

        // Keyboard only: reach the mode switch, choose "Instrumental" with the arrow keys, type, and generate.
        await page.FocusAsync("input[name=mode][value=song]");
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.True(await page.IsCheckedAsync("input[name=mode][value=instrumental]"));
        await page.FocusAsync("#f-caption");
        await page.Keyboard.TypeAsync("keyboard-made ambient pads");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("f-preset", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.PressAsync("Control+Enter");
        await page.Locator("#watch-status").Filter(new() { HasText = "COMPLETED" }).WaitForAsync();
        await page.Locator(".output canvas.waveform").First.WaitForAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "a finished song makes the page scroll sideways at 360 px");
    }

    /// <summary>Writes docs/images/studio-*.png when AUDIOMUSIC_UPDATE_SCREENSHOTS=1 (README, "The studio"); otherwise
    /// takes them into a temporary folder, so the command that makes them is exercised on every run.</summary>
    [SkippableFact]
    public async Task Screenshots_of_the_studio()
    {
        var folder = Environment.GetEnvironmentVariable("AUDIOMUSIC_UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(Checkout.Root, "docs", "images")
            : Directory.CreateTempSubdirectory("studio-shots").FullName;
        Directory.CreateDirectory(folder);
        var id = (await fixture.Server.SubmitAsync("text2music",
            """{"caption": "dreamy synth pop, warm pads", "lyrics": "[verse]\nCity lights are calling me\n[chorus]\nHold on, hold on to the night", "duration": 20, "seed": 42, "display_name": "City lights"}"""))
            .GetProperty("id").GetString()!;
        await fixture.Server.WaitForStatusAsync(id, "COMPLETED");
        foreach (var (scheme, name) in new[] { (ColorScheme.Light, "light"), (ColorScheme.Dark, "dark") })
        {
            var (page, _) = await fixture.Browser.NewPageAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
                ColorScheme = scheme,
            });
            await StudioPage.OpenAsync(page, fixture.Address, $"/studio/?job={id}");
            await page.Locator(".lyrics li").First.WaitForAsync();
            var path = Path.Combine(folder, $"studio-{name}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            Assert.True(new FileInfo(path).Length > 10_000, $"{path} is nearly empty");
        }
    }
}
