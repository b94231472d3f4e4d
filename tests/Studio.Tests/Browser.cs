using Microsoft.Playwright;

namespace AudioMusic.Studio.Tests;

/// <summary>One headless chromium for the test collection: the system's (Debian's <c>chromium</c> package, or the
/// executable named by <c>AUDIOMUSIC_CHROMIUM</c>). Playwright drives it by path and never downloads one. Without a
/// chromium the tests skip locally and fail in CI, where scripts/test.sh installs it.</summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser? Chromium { get; private set; }

    public static string? ExecutablePath =>
        Environment.GetEnvironmentVariable("AUDIOMUSIC_CHROMIUM") is { Length: > 0 } named ? named
        : new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    public async Task InitializeAsync()
    {
        if (ExecutablePath is null)
        {
            return;
        }
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // A closed network: no background fetches, component updates or sync for chromium to wait on. Media may
            // start without a click, so a test can play the player as a script.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--autoplay-policy=no-user-gesture-required", "--mute-audio"],
        });
    }

    /// <summary>A fresh page (own cookies and storage) that records every request it makes.</summary>
    public async Task<(IPage Page, List<string> Requests)> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        Assert.True(Chromium is not null || Environment.GetEnvironmentVariable("CI") is null,
            "chromium is not installed (scripts/test.sh installs Debian's chromium package)");
        Skip.If(Chromium is null, "chromium is not installed: apt-get install chromium, or set AUDIOMUSIC_CHROMIUM");
        var context = await Chromium!.NewContextAsync(options ?? new BrowserNewContextOptions { AcceptDownloads = true });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => { lock (requests) { requests.Add(request.Url); } };
        return (page, requests);
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.CloseAsync();
        }
        _playwright?.Dispose();
    }
}

/// <summary>The browser and one embedded host shared by the studio tests (starting either takes seconds).</summary>
public sealed class StudioFixture : IAsyncLifetime
{
    public Browser Browser { get; } = new();

    public Api.Tests.ApiServer Server { get; private set; } = null!;

    public Uri Address => Server.Client.BaseAddress!;

    public async Task InitializeAsync()
    {
        Server = await Api.Tests.ApiServer.StartAsync();
        await Browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class StudioCollection : ICollectionFixture<StudioFixture>
{
    public const string Name = "studio";
}
