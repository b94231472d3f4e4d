using System.Net;
using System.Text;
using System.Text.Json;

namespace AudioMusic.Api.Tests;

/// <summary>A key's limits with real submits: max_queued_jobs and max_concurrent_jobs answer 429 quota-exceeded with
/// Retry-After (on a host without devices, so jobs stay pending), a raised limit applies at once, requests_per_minute
/// answers 429 with the RateLimit fields, and an address sending bad keys is stopped before its keys are looked at.
/// Also the body that is not UTF-8.</summary>
public sealed class AccessLimitsTests : IAsyncLifetime
{
    private ApiServer _api = null!;

    public async Task InitializeAsync() => _api = await ApiServer.StartAsync(new Dictionary<string, string>
    {
        ["Auth:Mode"] = "ApiKeys",
        ["Auth:AdminKey"] = KeyedRequests.AdminKey,
        ["Auth:FailuresPerMinute"] = "3",
        ["Devices:CpuCount"] = "0",
    });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Job_limits_refuse_the_submit_over_them_and_a_raised_limit_applies_at_once()
    {
        var (id, key) = await CreateKeyAsync("""{"name": "limited", "max_queued_jobs": 2}""");
        for (var i = 0; i < 2; i++)
        {
            using var accepted = await SubmitAsync(key, i);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }
        using (var refused = await SubmitAsync(key, 2))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("/problems/quota-exceeded", problem.GetProperty("type").GetString());
            Assert.Contains("max_queued_jobs is 2", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        var usage = await GetJsonAsync("/api/v1/usage", key);
        Assert.Equal(0, usage.GetProperty("left").GetProperty("queued_jobs").GetInt64());

        // Three waiting is now allowed, but only three unfinished.
        using (await KeyedRequests.Send(_api.Client, HttpMethod.Patch, $"/api/v1/admin/keys/{id}", KeyedRequests.AdminKey, """{"max_queued_jobs": 3, "max_concurrent_jobs": 3}"""))
        {
        }
        using (var third = await SubmitAsync(key, 3))
        {
            Assert.Equal(HttpStatusCode.Accepted, third.StatusCode);
        }
        using (var fourth = await SubmitAsync(key, 4))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
            Assert.Contains("max_", JsonDocument.Parse(await fourth.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        // Another tenant is not held back by this one's jobs.
        var (_, other) = await CreateKeyAsync("""{"name": "other", "max_queued_jobs": 1}""");
        using var others = await SubmitAsync(other, 5);
        Assert.Equal(HttpStatusCode.Accepted, others.StatusCode);
    }

    [Fact]
    public async Task Requests_per_minute_answer_429_with_the_ratelimit_fields()
    {
        var (_, key) = await CreateKeyAsync("""{"name": "chatty", "requests_per_minute": 5}""");
        // Until the first 429: five in a window, or up to ten if a clock minute turns during the loop.
        var answers = new List<HttpResponseMessage>();
        while (answers.Count < 11 && answers.LastOrDefault()?.StatusCode != HttpStatusCode.TooManyRequests)
        {
            answers.Add(await KeyedRequests.Send(_api.Client, HttpMethod.Get, "/api/v1/music/jobs/counts", key));
        }
        var first = answers[0];
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"per-key\";q=5;w=60", first.Headers.GetValues("RateLimit-Policy").Single());
        Assert.Matches("^\"per-key\";r=4;t=([1-9]|[1-5][0-9]|60)$", first.Headers.GetValues("RateLimit").Single());
        var limited = answers[^1];
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Matches("^\"per-key\";r=0;t=", limited.Headers.GetValues("RateLimit").Single());
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal("/problems/rate-limited", JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString());
        answers.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task An_address_that_sends_bad_keys_is_stopped_before_its_keys_are_looked_at()
    {
        var (_, key) = await CreateKeyAsync("""{"name": "honest"}""");
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await KeyedRequests.Send(_api.Client, HttpMethod.Get, "/api/v1/music/jobs", key[..^1] + (key[^1] == 'A' ? "B" : "A"));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        foreach (var attempt in new[] { key[..^2] + "zz", key })
        {
            using var blocked = await KeyedRequests.Send(_api.Client, HttpMethod.Get, "/api/v1/music/jobs", attempt);
            Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(60), blocked.Headers.RetryAfter!.Delta);
            Assert.Equal("/problems/too-many-failures", JsonDocument.Parse(await blocked.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_a_400_naming_the_body()
    {
        var (_, key) = await CreateKeyAsync("""{"name": "bytes"}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/music/prompt2instrumental")
        {
            Content = new ByteArrayContent([.. "{\"prompt\": \""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8]),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        using var response = await _api.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("body", out _));
    }

    private Task<(string Id, string Key)> CreateKeyAsync(string body) => KeyedRequests.CreateKeyAsync(_api.Client, body);

    private Task<HttpResponseMessage> SubmitAsync(string key, int i) =>
        KeyedRequests.Send(_api.Client, HttpMethod.Post, "/api/v1/music/prompt2instrumental", key, $$"""{"prompt": "waiting {{i}}", "duration": 10, "seed": {{i}}}""");

    private async Task<JsonElement> GetJsonAsync(string path, string key)
    {
        using var response = await KeyedRequests.Send(_api.Client, HttpMethod.Get, path, key);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
