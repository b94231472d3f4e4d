using System.Net;
using System.Text.Json;
using AudioMusic.TestSupport;

namespace AudioMusic.Api.Tests;

/// <summary>Webhook secrets per tenant, with keys on and no service-wide secret at all: each tenant's deliveries are
/// signed with its own secret (checked by the receiver's own HMAC), another tenant's secret verifies none of them, and
/// after a rotation a delivery carries both signatures while the old secret is in its grace period.</summary>
public sealed class TenantWebhookTests : IAsyncLifetime
{
    private ApiServer _api = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _api = await ApiServer.StartAsync(new Dictionary<string, string>
        {
            ["Auth:Mode"] = "ApiKeys",
            ["Auth:AdminKey"] = KeyedRequests.AdminKey,
            ["Webhooks:AllowedHosts:0"] = "127.0.0.1",
        });
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Each_tenants_deliveries_are_signed_with_its_own_secret_and_a_rotation_signs_with_both_for_a_while()
    {
        var alice = await CreateKeyAsync("alice");
        var bob = await CreateKeyAsync("bob");
        var aliceSecret = await GetJsonAsync("/api/v1/webhooks/secret", alice);
        var bobSecret = (await GetJsonAsync("/api/v1/webhooks/secret", bob)).GetProperty("secret").GetString()!;
        var first = aliceSecret.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", first, StringComparison.Ordinal);
        Assert.NotEqual(first, bobSecret);
        Assert.Equal(JsonValueKind.Null, aliceSecret.GetProperty("previous_secret").ValueKind);

        var job = await SubmitAsync(alice, "signed for alice");
        var delivered = await _receiver.WaitForAsync(r => r.Id.Contains(job, StringComparison.Ordinal) && r.Type == "job.completed", TimeSpan.FromSeconds(60), "alice's completion");
        Assert.True(delivered.IsSignedWith(first));
        Assert.False(delivered.IsSignedWith(bobSecret));
        Assert.Single(delivered.Signature.Split(' '));

        using (var rotated = await KeyedRequests.Send(_api.Client, HttpMethod.Post, "/api/v1/webhooks/secret/rotate", alice))
        {
            var secrets = JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement;
            var second = secrets.GetProperty("secret").GetString()!;
            Assert.NotEqual(first, second);
            Assert.Equal(first, secrets.GetProperty("previous_secret").GetString());
            Assert.InRange(secrets.GetProperty("previous_expires_at").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddHours(23), DateTimeOffset.UtcNow.AddHours(25));

            var after = await SubmitAsync(alice, "signed twice");
            var both = await _receiver.WaitForAsync(r => r.Id.Contains(after, StringComparison.Ordinal) && r.Type == "job.completed", TimeSpan.FromSeconds(60), "the completion after the rotation");
            Assert.Equal(2, both.Signature.Split(' ').Length);
            Assert.True(both.IsSignedWith(second));
            Assert.True(both.IsSignedWith(first));
            Assert.False(both.IsSignedWith(bobSecret));
        }

        // Without a tenant there is no tenant secret: the keyless mode's secret is the operator's configuration.
        using var admin = await KeyedRequests.Send(_api.Client, HttpMethod.Get, "/api/v1/webhooks/secret", KeyedRequests.AdminKey);
        Assert.Equal(HttpStatusCode.NotFound, admin.StatusCode);
    }

    private async Task<string> CreateKeyAsync(string tenant) =>
        (await KeyedRequests.CreateKeyAsync(_api.Client, $$"""{"name": "{{tenant}}", "tenant": "{{tenant}}"}""")).Key;

    private async Task<string> SubmitAsync(string key, string prompt)
    {
        using var response = await KeyedRequests.Send(_api.Client, HttpMethod.Post, "/api/v1/music/prompt2instrumental", key,
            $$"""{"prompt": "{{prompt}}", "duration": 10, "seed": 3, "callback_url": "{{_receiver.Url}}"}""");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("job").GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> GetJsonAsync(string path, string key)
    {
        using var response = await KeyedRequests.Send(_api.Client, HttpMethod.Get, path, key);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
