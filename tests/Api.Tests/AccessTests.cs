using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AudioMusic.Api.Tests;

/// <summary>API keys on a real host (Auth:Mode=ApiKeys, the one-box library in a temporary folder): every /api route
/// wants a valid key, each tenant sees only its own jobs (another tenant's job answers exactly like no job), the admin
/// key manages keys and a tenant key may not, revoked and expired keys stop working, and only hashes are stored.</summary>
public sealed class AccessTests : IAsyncLifetime
{
    private const string AdminKey = KeyedRequests.AdminKey;

    private readonly DirectoryInfo _library = Directory.CreateTempSubdirectory("audiomusic-access-");
    private ApiServer _api = null!;

    public async Task InitializeAsync() => _api = await ApiServer.StartAsync(new Dictionary<string, string>
    {
        ["Auth:Mode"] = "ApiKeys",
        ["Auth:AdminKey"] = AdminKey,
        ["Auth:FailuresPerMinute"] = "1000",
        ["Storage:Provider"] = "Sqlite",
        ["Storage:DataDirectory"] = _library.FullName,
    });

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _library.Delete(recursive: true);
    }

    /// <summary>Every /api route of the document, with a job id where it wants one.</summary>
    public static TheoryData<string, string> Routes() => new()
    {
        { "POST", "/api/v1/music/prompt2instrumental" },
        { "POST", "/api/v1/music/simple/plan" },
        { "GET", "/api/v1/music/jobs" },
        { "GET", "/api/v1/music/jobs/counts" },
        { "GET", "/api/v1/music/jobs/{id}/status" },
        { "GET", "/api/v1/jobs/{id}/status" },
        { "GET", "/api/v1/music/jobs/{id}/events" },
        { "GET", "/api/v1/music/jobs/{id}/webhooks" },
        { "GET", "/api/v1/music/jobs/{id}/audio" },
        { "GET", "/api/v1/music/jobs/{id}/waveform" },
        { "GET", "/api/v1/music/jobs/{id}/lyrics" },
        { "GET", "/api/v1/music/jobs/{id}/stems/vocals" },
        { "PATCH", "/api/v1/music/jobs/{id}" },
        { "DELETE", "/api/v1/music/jobs/{id}" },
        { "POST", "/api/v1/music/jobs/{id}/cancel" },
        { "POST", "/api/v1/music/jobs/{id}/retry" },
        { "GET", "/api/v1/music/events" },
        { "GET", "/api/v1/music/presets" },
        { "GET", "/api/v1/music/model/status" },
        { "GET", "/api/v1/usage" },
        { "GET", "/api/v1/admin/keys" },
        { "POST", "/api/v1/admin/keys" },
    };

    [Fact]
    public async Task Every_api_route_refuses_a_missing_malformed_unknown_revoked_or_expired_key()
    {
        var revoked = await CreateKeyAsync("revoked");
        await SendAsync(HttpMethod.Delete, $"/api/v1/admin/keys/{revoked.Id}", AdminKey);
        var expiring = await CreateKeyAsync("expiring", extra: $", \"expires_at\": \"{DateTimeOffset.UtcNow.AddSeconds(2):O}\"");
        var (_, unknown) = NewShapedKey();
        await Task.Delay(TimeSpan.FromSeconds(2.2));

        foreach (var (method, route) in Routes().Select(r => ((string)r[0], (string)r[1])))
        {
            var path = route.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
            foreach (var key in new[] { null, "", "not-a-key", unknown, revoked.Key, expiring.Key, revoked.Key[..^1] + "x" })
            {
                using var response = await SendAsync(new HttpMethod(method), path, key, body: method is "POST" or "PATCH" ? "{}" : null);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with key '{key}': {(int)response.StatusCode} {text}");
                Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
                Assert.Equal("/problems/unauthorized", JsonDocument.Parse(text).RootElement.GetProperty("type").GetString());
            }
        }
    }

    [Fact]
    public async Task Health_checks_and_the_openapi_document_need_no_key_and_hostile_headers_never_make_a_500()
    {
        // A client that sends what it is given: UTF-8 bytes in a header included.
        using var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 };
        using var plain = new HttpClient(handler) { BaseAddress = _api.Client.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await plain.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await plain.GetAsync("/openapi/v1.json")).StatusCode);
        var document = JsonDocument.Parse(await plain.GetStringAsync("/openapi/v1.json")).RootElement;
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));

        foreach (var value in new[] { "Bearer " + new string('a', 100_000), "Bearer am_\u0001\u0002", "Basic dXNlcjpwYXNz", "Bearer    " })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/music/jobs");
            request.Headers.TryAddWithoutValidation("Authorization", value);
            using var response = await plain.SendAsync(request);
            Assert.InRange((int)response.StatusCode, 400, 499);
        }
        using var latin = new HttpRequestMessage(HttpMethod.Get, "/api/v1/music/jobs");
        latin.Headers.TryAddWithoutValidation("X-API-Key", "am_clé");
        Assert.InRange((int)(await plain.SendAsync(latin)).StatusCode, 400, 499);
    }

    [Fact]
    public async Task The_operators_pages_take_the_admin_key_as_bearer_or_basic_and_nothing_else()
    {
        var tenant = await CreateKeyAsync("not an operator");
        // "/dashboard/": the dashboard redirects "/dashboard" there, and HttpClient drops the Authorization of a redirect.
        foreach (var path in new[] { "/metrics", "/dashboard/" })
        {
            using var none = await SendAsync(HttpMethod.Get, path, null);
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Contains("Basic", string.Join(", ", none.Headers.WwwAuthenticate), StringComparison.Ordinal);
            using var tenants = await SendAsync(HttpMethod.Get, path, tenant.Key);
            Assert.Equal(HttpStatusCode.Forbidden, tenants.StatusCode);
            using var bearer = await SendAsync(HttpMethod.Get, path, AdminKey);
            Assert.True(bearer.StatusCode == HttpStatusCode.OK, $"{path}: {(int)bearer.StatusCode} {await bearer.Content.ReadAsStringAsync()} {bearer.Headers}");
            using var basic = new HttpRequestMessage(HttpMethod.Get, path);
            basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:" + AdminKey)));
            using var browser = await _api.Client.SendAsync(basic);
            Assert.Equal(HttpStatusCode.OK, browser.StatusCode);
            using var wrong = new HttpRequestMessage(HttpMethod.Get, path);
            wrong.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:guess")));
            Assert.Equal(HttpStatusCode.Unauthorized, (await _api.Client.SendAsync(wrong)).StatusCode);
        }
        // Basic is for the operators' pages only: the API wants Bearer or X-API-Key.
        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/v1/music/jobs");
        api.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:" + AdminKey)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.Client.SendAsync(api)).StatusCode);
    }

    [Fact]
    public async Task Another_tenants_job_is_answered_exactly_like_no_job_on_every_route()
    {
        var alice = await CreateKeyAsync("alice app", tenant: "alice");
        var bob = await CreateKeyAsync("bob app", tenant: "bob");
        var job = await SubmitAsync(alice.Key, "alice's song", idempotencyKey: "shared-key");
        await WaitForCompletedAsync(job, alice.Key);
        var nobody = Guid.NewGuid().ToString();

        foreach (var (method, route) in Routes().Select(r => ((string)r[0], (string)r[1])).Where(r => r.Item2.Contains("{id}", StringComparison.Ordinal)))
        {
            using var theirs = await SendAsync(new HttpMethod(method), route.Replace("{id}", job, StringComparison.Ordinal), bob.Key, body: method == "PATCH" ? """{"display_name": "mine now"}""" : null);
            using var none = await SendAsync(new HttpMethod(method), route.Replace("{id}", nobody, StringComparison.Ordinal), bob.Key, body: method == "PATCH" ? """{"display_name": "mine now"}""" : null);
            Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
            Assert.Equal(none.StatusCode, theirs.StatusCode);
            Assert.Equal((await none.Content.ReadAsStringAsync()).Replace(nobody, "ID", StringComparison.Ordinal).Split("\"traceId\"")[0],
                (await theirs.Content.ReadAsStringAsync()).Replace(job, "ID", StringComparison.Ordinal).Split("\"traceId\"")[0]);
        }

        // Nothing of alice's job changed, and alice still reaches it everywhere.
        var status = await GetJsonAsync($"/api/v1/music/jobs/{job}/status", alice.Key);
        Assert.Equal("COMPLETED", status.GetProperty("job").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("job").GetProperty("display_name").ValueKind);
        using (var audio = await SendAsync(HttpMethod.Get, $"/api/v1/music/jobs/{job}/audio", alice.Key))
        {
            Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        }

        // Lists, counts and usage hold each tenant's own; the admin sees both.
        var bobJob = await SubmitAsync(bob.Key, "bob's song", idempotencyKey: "shared-key");
        Assert.NotEqual(job, bobJob);
        Assert.Equal([bobJob], (await GetJsonAsync("/api/v1/music/jobs", bob.Key)).GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("id").GetString()));
        Assert.Equal([job], (await GetJsonAsync("/api/v1/music/jobs", alice.Key)).GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("id").GetString()));
        Assert.Equal(1, (await GetJsonAsync("/api/v1/music/jobs/counts", bob.Key)).GetProperty("total").GetInt64());
        Assert.Equal(2, (await GetJsonAsync("/api/v1/music/jobs/counts", AdminKey)).GetProperty("total").GetInt64());
        var usage = await GetJsonAsync("/api/v1/usage", alice.Key);
        Assert.Equal("alice", usage.GetProperty("tenant").GetString());
        Assert.Equal(1, usage.GetProperty("jobs").GetProperty("by_status").GetProperty("COMPLETED").GetInt64());
        Assert.Equal(1, (await GetJsonAsync("/api/v1/usage?tenant=bob", AdminKey)).GetProperty("jobs").GetProperty("total").GetInt64());
        using (var peek = await SendAsync(HttpMethod.Get, "/api/v1/usage?tenant=bob", alice.Key))
        {
            Assert.Equal(HttpStatusCode.Forbidden, peek.StatusCode);
        }
        using (var admin = await SendAsync(HttpMethod.Get, $"/api/v1/music/jobs/{job}/status", AdminKey))
        {
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        }
    }

    [Fact]
    public async Task Monthly_audio_seconds_count_what_was_generated_and_stop_submits_once_reached()
    {
        var key = await CreateKeyAsync("metered", tenant: "metered", extra: ", \"monthly_audio_seconds\": 15");
        await WaitForCompletedAsync(await SubmitAsync(key.Key, "first ten seconds"), key.Key);
        var usage = await GetJsonAsync("/api/v1/usage", key.Key);
        Assert.Equal(DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), usage.GetProperty("audio").GetProperty("month").GetString());
        Assert.Equal(10, usage.GetProperty("audio").GetProperty("month_seconds").GetDouble(), 2);
        Assert.Equal(5, usage.GetProperty("left").GetProperty("monthly_audio_seconds").GetDouble(), 2);

        // Under the limit a submit is taken even if its song will pass it; once passed, the next is refused.
        await WaitForCompletedAsync(await SubmitAsync(key.Key, "second ten seconds"), key.Key);
        Assert.Equal(20, (await GetJsonAsync("/api/v1/usage", key.Key)).GetProperty("audio").GetProperty("total_seconds").GetDouble(), 2);
        using var refused = await SendAsync(HttpMethod.Post, "/api/v1/music/prompt2instrumental", key.Key, """{"prompt": "one too many", "duration": 10}""");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("/problems/quota-exceeded", problem.GetProperty("type").GetString());
        Assert.Contains("monthly_audio_seconds is 15", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Another tenant's meter is its own.
        var other = await CreateKeyAsync("unmetered", tenant: "unmetered");
        Assert.Equal(0, (await GetJsonAsync("/api/v1/usage", other.Key)).GetProperty("audio").GetProperty("month_seconds").GetDouble());
    }

    [Fact]
    public async Task The_event_feed_shows_a_tenant_its_own_jobs_only()
    {
        var alice = await CreateKeyAsync("alice feed", tenant: "alice-feed");
        var bob = await CreateKeyAsync("bob feed", tenant: "bob-feed");
        using var handler = new SocketsHttpHandler { MaxResponseDrainSize = 0 };
        using var client = new HttpClient(handler) { BaseAddress = _api.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/music/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bob.Key);
        using var stream = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());

        var aliceJob = await SubmitAsync(alice.Key, "alice, unseen by bob");
        await WaitForCompletedAsync(aliceJob, alice.Key);
        var bobJob = await SubmitAsync(bob.Key, "bob's own");
        await WaitForCompletedAsync(bobJob, bob.Key);

        var seen = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var e = JsonDocument.Parse(line[6..]).RootElement;
                seen.Add(e.GetProperty("job_id").GetString()!);
                if (e.GetProperty("job_id").GetString() == bobJob && e.GetProperty("type").GetString() == "job.completed")
                {
                    break;
                }
            }
        }
        Assert.Contains(bobJob, seen);
        Assert.DoesNotContain(aliceJob, seen);
    }

    [Fact]
    public async Task The_admin_key_manages_keys_whose_secrets_are_shown_once_and_stored_only_as_hashes()
    {
        var created = await CreateKeyAsync("stored app", tenant: "stored", extra: ", \"max_queued_jobs\": 5");
        Assert.StartsWith("am_" + created.Id + "_", created.Key, StringComparison.Ordinal);
        Assert.True(created.Key.Length - created.Id.Length - 4 >= 192 / 6, "the secret carries at least 192 bits");

        var listed = await GetJsonAsync("/api/v1/admin/keys", AdminKey);
        var entry = listed.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("id").GetString() == created.Id);
        Assert.False(entry.TryGetProperty("key", out _));
        Assert.Equal("active", entry.GetProperty("state").GetString());
        Assert.Equal(5, entry.GetProperty("limits").GetProperty("max_queued_jobs").GetInt32());
        Assert.DoesNotContain(created.Key, listed.GetRawText(), StringComparison.Ordinal);

        // What the library holds on disk: the key's SHA-256, never the key.
        await Task.Delay(500);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(created.Key)));
        var stored = string.Concat(_library.EnumerateFiles("*", SearchOption.AllDirectories).Where(f => f.Name.Contains(".db", StringComparison.Ordinal))
            .Select(f => Encoding.Latin1.GetString(ReadShared(f.FullName))));
        Assert.Contains(hash, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Key[(4 + created.Id.Length)..], stored, StringComparison.Ordinal);

        // A tenant key may not manage keys; the admin changes limits and revokes.
        using (var forbidden = await SendAsync(HttpMethod.Get, "/api/v1/admin/keys", created.Key))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }
        using (var patched = await SendAsync(HttpMethod.Patch, $"/api/v1/admin/keys/{created.Id}", AdminKey, """{"max_queued_jobs": null, "requests_per_minute": 100}"""))
        {
            var limits = JsonDocument.Parse(await patched.Content.ReadAsStringAsync()).RootElement.GetProperty("limits");
            Assert.Equal(JsonValueKind.Null, limits.GetProperty("max_queued_jobs").ValueKind);
            Assert.Equal(100, limits.GetProperty("requests_per_minute").GetInt32());
        }
        using (var bad = await SendAsync(HttpMethod.Post, "/api/v1/admin/keys", AdminKey, """{"name": "", "tenant": "no spaces", "max_concurrent_jobs": 0, "colour": "red", "expires_at": "yesterday"}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
            Assert.Equal(["colour", "expires_at", "max_concurrent_jobs", "name", "tenant"], errors.EnumerateObject().Select(p => p.Name).Order());
        }
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/v1/music/jobs", created.Key)).StatusCode);
        using (var revoked = await SendAsync(HttpMethod.Delete, $"/api/v1/admin/keys/{created.Id}", AdminKey))
        {
            Assert.Equal("revoked", JsonDocument.Parse(await revoked.Content.ReadAsStringAsync()).RootElement.GetProperty("state").GetString());
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/api/v1/music/jobs", created.Key)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, "/api/v1/admin/keys/0000000000000000", AdminKey)).StatusCode);
    }

    private static byte[] ReadShared(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return copy.ToArray();
    }

    public sealed record CreatedKey(string Id, string Key);

    private static (string Id, string Key) NewShapedKey()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return (id, $"am_{id}_{new string('A', 43)}");
    }

    private async Task<CreatedKey> CreateKeyAsync(string name, string? tenant = null, string extra = "")
    {
        var tenantField = tenant is null ? "" : $", \"tenant\": \"{tenant}\"";
        var (id, key) = await KeyedRequests.CreateKeyAsync(_api.Client, $$"""{"name": "{{name}}"{{tenantField}}{{extra}}}""");
        return new CreatedKey(id, key);
    }

    private async Task<string> SubmitAsync(string key, string prompt, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/music/prompt2instrumental")
        {
            Content = new StringContent($$"""{"prompt": "{{prompt}}", "duration": 10, "seed": 5}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        using var response = await _api.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"submit: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("job").GetProperty("id").GetString()!;
    }

    private async Task WaitForCompletedAsync(string job, string key)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while ((await GetJsonAsync($"/api/v1/music/jobs/{job}/status", key)).GetProperty("job").GetProperty("status").GetString() != "COMPLETED")
        {
            Assert.True(DateTime.UtcNow < deadline, $"job {job} did not complete");
            await Task.Delay(100);
        }
    }

    private async Task<JsonElement> GetJsonAsync(string path, string key)
    {
        using var response = await SendAsync(HttpMethod.Get, path, key);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, string? body = null) =>
        KeyedRequests.Send(_api.Client, method, path, key, body);
}
