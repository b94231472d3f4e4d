using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AudioMusic.Api.Bench;

/// <summary>With --keys on: one tenant key without limits, made through the admin route, for every request to carry.</summary>
public static class TenantKey
{
    public static async Task<string> CreateAsync(Uri server, string adminKey)
    {
        using var http = new HttpClient { BaseAddress = server };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        using var response = await http.PostAsJsonAsync("/api/v1/admin/keys", new { name = "api bench", tenant = "bench" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }
}
