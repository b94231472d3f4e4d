using AudioMusic.Api.Tests;

namespace AudioMusic.Studio.Tests;

/// <summary>The studio on a service that requires API keys: it asks for one on the 401, keeps it for the browser tab
/// only, and then works as with keys off (events, the player and downloads send it too).</summary>
[Collection(StudioCollection.Name)]
public sealed class KeysTests(StudioFixture fixture) : IAsyncLifetime
{
    private ApiServer _keyed = null!;

    public async Task InitializeAsync() => _keyed = await ApiServer.StartAsync(new Dictionary<string, string>
    {
        ["Auth:Mode"] = "ApiKeys",
        ["Auth:AdminKey"] = KeyedRequests.AdminKey,
    });

    public async Task DisposeAsync() => await _keyed.DisposeAsync();

    [SkippableFact]
    public async Task The_page_asks_for_a_key_on_401_and_then_makes_music_with_it()
    {
        var (_, key) = await KeyedRequests.CreateKeyAsync(_keyed.Client, """{"name": "studio"}""");
        var (page, requests) = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(new Uri(_keyed.Client.BaseAddress!, "/studio/").ToString());

        var banner = page.Locator("#banner");
        await banner.Filter(new() { HasText = "requires an API key" }).WaitForAsync();
        Assert.True(await page.Locator("#api-key").IsVisibleAsync());
        await page.FillAsync("#api-key", "am_0000000000000000_not-a-real-key");
        await page.ClickAsync("#key-form button[type=submit]");
        await banner.Filter(new() { HasText = "refused this API key" }).WaitForAsync();

        await page.FillAsync("#api-key", key);
        await page.ClickAsync("#key-form button[type=submit]");
        await StudioPage.CatalogueLoadedAsync(page);
        Assert.True(await banner.IsHiddenAsync());
        Assert.Equal(key, await page.EvaluateAsync<string>("sessionStorage.getItem('audiomusic.key')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("localStorage.length === 0 ? 0 : Object.keys(localStorage).filter(k => localStorage.getItem(k).includes('am_')).length"));

        await page.CheckAsync("input[name=mode][value=instrumental]");
        await page.FillAsync("#f-caption", "keyed ambient");
        await page.ClickAsync("#advanced summary");
        await page.FillAsync("#f-duration", "10");
        await page.ClickAsync("#generate-button");
        await page.Locator("#watch-status").Filter(new() { HasText = "COMPLETED" }).WaitForAsync();
        var audio = page.Locator(".output audio").First;
        await audio.WaitForAsync();
        // An <audio> element cannot send the key: with keys on, the page plays the bytes it fetched with the key.
        Assert.StartsWith("blob:", await audio.GetAttributeAsync("src"), StringComparison.Ordinal);
        Assert.Equal(10, await audio.EvaluateAsync<double>(
            "async a => { if (!(a.duration > 0)) await new Promise(r => a.addEventListener('loadedmetadata', r, { once: true })); return a.duration; }"), 0.1);
        Assert.DoesNotContain(requests, url => url.Contains(key, StringComparison.Ordinal));

        // A new browser session starts without it.
        var (fresh, _) = await fixture.Browser.NewPageAsync();
        await fresh.GotoAsync(new Uri(_keyed.Client.BaseAddress!, "/studio/").ToString());
        await fresh.Locator("#banner").Filter(new() { HasText = "requires an API key" }).WaitForAsync();
    }
}
