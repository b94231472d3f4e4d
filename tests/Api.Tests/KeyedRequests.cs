using System.Net;
using System.Text;
using System.Text.Json;

namespace AudioMusic.Api.Tests;

/// <summary>Requests to a host with API keys on (Auth:Mode=ApiKeys and <see cref="AdminKey"/>).</summary>
public static class KeyedRequests
{
    public const string AdminKey = "admin-key-for-the-tests-0123456789-abcdef";

    /// <summary>A request with the key as Bearer (or none).</summary>
    public static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string? key, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        }
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        return client.SendAsync(request);
    }

    /// <summary>Makes a key through the admin route with this body; its id and its secret.</summary>
    public static async Task<(string Id, string Key)> CreateKeyAsync(HttpClient client, string body)
    {
        using var response = await Send(client, HttpMethod.Post, "/api/v1/admin/keys", AdminKey, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create key: {(int)response.StatusCode} {text}");
        var created = JsonDocument.Parse(text).RootElement;
        return (created.GetProperty("id").GetString()!, created.GetProperty("key").GetString()!);
    }
}
