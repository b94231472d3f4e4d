using Microsoft.Playwright;

namespace AudioMusic.Studio.Tests;

/// <summary>Opening the studio and waiting until it has read the catalogue (the page is then ready to use).</summary>
public static class StudioPage
{
    public static async Task OpenAsync(IPage page, Uri host, string path)
    {
        var errors = new List<string>();
        page.PageError += (_, message) => errors.Add(message);
        await page.GotoAsync(new Uri(host, path).ToString());
        await CatalogueLoadedAsync(page);
        Assert.Empty(errors);
    }

    /// <summary>The preset list is filled from <c>GET presets</c> once the page can reach the API. (Locators, not
    /// WaitForFunction: the page's Content-Security-Policy forbids the string evaluation that the latter uses.)</summary>
    public static Task CatalogueLoadedAsync(IPage page) =>
        page.Locator("#f-preset option").Nth(1).WaitForAsync(new() { State = WaitForSelectorState.Attached });
}
