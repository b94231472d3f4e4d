using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioMusic.TestSupport;

namespace AudioMusic.Api.Tests;

/// <summary>Webhooks over real HTTP: a receiver in the test verifies every signature with its own HMAC, sees the
/// filtered events (in the job's order by their sequence), the retries of a failing delivery under one webhook-id, Retry-After honoured, 410 ending a
/// delivery, a hanging receiver timed out; and the submit refuses bad webhook fields naming them.</summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private ApiServer _api = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _api = await ApiServer.StartAsync(new Dictionary<string, string>
        {
            ["Webhooks:Secret"] = Secret,
            ["Webhooks:AllowedHosts:0"] = "127.0.0.1",
            ["Webhooks:RetryDelays:0"] = "00:00:00.300",
            ["Webhooks:MaxAttempts"] = "4",
            // Long enough that a loaded 2-core CI machine answers in time; the hanging receiver's test waits it out.
            ["Webhooks:Timeout"] = "00:00:03",
        });
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private string Body(string filter, int seed) =>
        $$"""{"prompt": "webhook song", "duration": 10, "seed": {{seed}}, "callback_url": "{{_receiver.Url}}", "webhook_events_filter": {{filter}}}""";

    [Fact]
    public async Task Filtered_events_arrive_signed_in_order_with_the_job_and_its_urls()
    {
        var job = await _api.SubmitAsync("prompt2instrumental", Body("""["queued", "started", "completed"]""", 11));
        var id = job.GetProperty("id").GetString()!;
        var completed = await _receiver.WaitForAsync(r => r.Type == "job.completed", TimeSpan.FromSeconds(60), "job.completed");

        // Each event has its own delivery, so they may arrive in any order; data.sequence gives the job's order.
        await _receiver.WaitForAsync(r => r.Type == "job.started", TimeSpan.FromSeconds(10), "job.started");
        await _receiver.WaitForAsync(r => r.Type == "job.queued", TimeSpan.FromSeconds(10), "job.queued");
        var received = _receiver.Received.OrderBy(r => r.Json.GetProperty("data").GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(["job.queued", "job.started", "job.completed"], received.Select(r => r.Type));
        Assert.All(received, r => Assert.True(r.IsSignedWith(Secret), $"bad signature on {r.Id}"));
        Assert.All(received, r => Assert.StartsWith("application/json", r.ContentType, StringComparison.Ordinal));
        Assert.False(received[0].IsSignedWith("whsec_" + Convert.ToBase64String(new byte[24])));
        Assert.Equal(3, received.Select(r => r.Id).Distinct().Count());
        Assert.InRange(long.Parse(completed.Timestamp, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        var data = completed.Json.GetProperty("data");
        Assert.Equal("job.completed", data.GetProperty("type").GetString());
        Assert.Equal(id, data.GetProperty("job").GetProperty("id").GetString());
        Assert.Equal("COMPLETED", data.GetProperty("job").GetProperty("status").GetString());
        var audioUrl = data.GetProperty("job").GetProperty("output_url").GetString()!;
        using var audio = await _api.Client.GetAsync(audioUrl);
        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        Assert.Equal(0, received[0].Json.GetProperty("data").GetProperty("queue_position").GetInt32());

        var history = await _api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/music/jobs/{id}/webhooks");
        Assert.Equal(_receiver.Url, history.GetProperty("callback_url").GetString());
        var deliveries = history.GetProperty("deliveries").EnumerateArray().ToList();
        Assert.Equal(received.Select(r => r.Id), deliveries.Select(d => d.GetProperty("webhook_id").GetString()));
        Assert.All(deliveries, d =>
        {
            Assert.Equal("delivered", d.GetProperty("status").GetString());
            Assert.Equal(200, d.GetProperty("attempts").EnumerateArray().Single().GetProperty("status_code").GetInt32());
        });
    }

    [Fact]
    public async Task A_failing_receiver_sees_retries_with_one_webhook_id_and_retry_after_is_honoured()
    {
        _receiver.Answer = (_, before) => before switch
        {
            0 => new WebhookAnswer(500),
            1 => new WebhookAnswer(503, RetryAfter: TimeSpan.FromSeconds(2)),
            _ => new WebhookAnswer(204),
        };
        var job = await _api.SubmitAsync("prompt2instrumental", Body("""["completed"]""", 12));
        var id = job.GetProperty("id").GetString()!;
        var third = await WaitForCountAsync(3);

        var posts = _receiver.Received;
        Assert.Single(posts.Select(p => p.Id).Distinct());
        Assert.Single(posts.Select(p => p.Body).Distinct());
        Assert.All(posts, p => Assert.True(p.IsSignedWith(Secret)));
        Assert.InRange((posts[1].ReceivedAt - posts[0].ReceivedAt).TotalSeconds, 0.2, 5);
        // The receiver asked for 2 s; the schedule alone would have waited about 0.3 s.
        Assert.True(third.ReceivedAt - posts[1].ReceivedAt >= TimeSpan.FromSeconds(1.9), $"{third.ReceivedAt - posts[1].ReceivedAt}");

        var delivery = await WaitForDeliveryAsync(id, "delivered");
        Assert.Equal([500, 503, 204], delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("status_code").GetInt32()));
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("next_attempt_at").ValueKind);
    }

    [Fact]
    public async Task Gone_stops_retrying_and_a_hanging_receiver_times_out_and_gives_up()
    {
        _receiver.Answer = (_, _) => new WebhookAnswer(410);
        var gone = (await _api.SubmitAsync("prompt2instrumental", Body("""["completed"]""", 13))).GetProperty("id").GetString()!;
        var goneDelivery = await WaitForDeliveryAsync(gone, "gone");
        Assert.Single(goneDelivery.GetProperty("attempts").EnumerateArray());

        _receiver.Answer = (_, _) => new WebhookAnswer(200, Delay: TimeSpan.FromSeconds(30));
        var hung = (await _api.SubmitAsync("prompt2instrumental", Body("""["completed"]""", 14))).GetProperty("id").GetString()!;
        var failed = await WaitForDeliveryAsync(hung, "failed", TimeSpan.FromSeconds(60));
        var attempts = failed.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal(4, attempts.Count);
        Assert.All(attempts, a =>
        {
            Assert.Equal(JsonValueKind.Null, a.GetProperty("status_code").ValueKind);
            Assert.Contains("no answer within 3 s", a.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.InRange(a.GetProperty("duration_ms").GetDouble(), 2900, 8000);
        });
    }

    [Fact]
    public async Task Redirects_are_not_followed()
    {
        _receiver.Answer = (_, _) => new WebhookAnswer(307);
        var id = (await _api.SubmitAsync("prompt2instrumental", Body("""["completed"]""", 16))).GetProperty("id").GetString()!;
        var failed = await WaitForDeliveryAsync(id, "failed");
        Assert.All(failed.GetProperty("attempts").EnumerateArray(), a => Assert.True(
            a.GetProperty("status_code") is { ValueKind: JsonValueKind.Number } code && code.GetInt32() == 307, a.ToString()));
        // Each attempt reached the receiver once and went no further.
        Assert.Equal(4, _receiver.Received.Count);
    }

    [Fact]
    public async Task A_receiver_answering_a_huge_body_costs_nothing()
    {
        _receiver.Answer = (_, _) => new WebhookAnswer(200, BodyBytes: 50 * 1024 * 1024);
        var id = (await _api.SubmitAsync("prompt2instrumental", Body("""["completed"]""", 15))).GetProperty("id").GetString()!;
        var delivery = await WaitForDeliveryAsync(id, "delivered");
        Assert.True(delivery.GetProperty("attempts")[0].GetProperty("duration_ms").GetDouble() < 5000);
    }

    [Theory]
    [InlineData("""{"prompt": "x", "callback_url": "http://localhost:9/hook"}""", "callback_url", "localhost")]
    [InlineData("""{"prompt": "x", "callback_url": "http://169.254.169.254/"}""", "callback_url", "link-local")]
    [InlineData("""{"prompt": "x", "callback_url": "not a url"}""", "callback_url", "absolute http")]
    [InlineData("""{"prompt": "x", "callback_url": 5}""", "callback_url", "must be a string")]
    [InlineData("""{"prompt": "x", "callback_url": "https://93.184.215.14/h", "webhook_events_filter": "completed"}""", "webhook_events_filter", "must be a list")]
    [InlineData("""{"prompt": "x", "callback_url": "https://93.184.215.14/h", "webhook_events_filter": ["done"]}""", "webhook_events_filter", "'done'")]
    [InlineData("""{"prompt": "x", "callback_url": "https://93.184.215.14/h", "webhook_events_filter": []}""", "webhook_events_filter", "at least one")]
    [InlineData("""{"prompt": "x", "callback_url": "https://93.184.215.14/h", "webhook_events_filter": ["failed", "failed"]}""", "webhook_events_filter", "twice")]
    [InlineData("""{"prompt": "x", "webhook_events_filter": ["completed"]}""", "webhook_events_filter", "needs a callback_url")]
    public async Task Bad_webhook_fields_are_a_400_naming_the_field(string body, string field, string message)
    {
        using var response = await _api.PostJsonAsync("/api/v1/music/prompt2instrumental", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_signing_secret_callback_urls_are_refused_and_the_history_of_an_unknown_job_is_404()
    {
        await using var unsigned = await ApiServer.StartAsync();
        using var response = await unsigned.PostJsonAsync("/api/v1/music/prompt2instrumental", """{"prompt": "x", "callback_url": "https://93.184.215.14/h"}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Webhooks:Secret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var missing = await _api.Client.GetAsync($"/api/v1/music/jobs/{Guid.NewGuid()}/webhooks");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_malformed_secret_stops_the_host_at_start_with_a_clear_message()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            ApiServer.StartAsync(new Dictionary<string, string> { ["Webhooks:Secret"] = "whsec_not base64" }));
        Assert.Contains("Webhooks:Secret must be 'whsec_'", error.Message, StringComparison.Ordinal);
    }

    private async Task<ReceivedWebhook> WaitForCountAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (_receiver.Received.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {_receiver.Received.Count} deliveries");
            await Task.Delay(50);
        }
        return _receiver.Received[count - 1];
    }

    private async Task<JsonElement> WaitForDeliveryAsync(string jobId, string status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var history = await _api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/music/jobs/{jobId}/webhooks");
            var deliveries = history.GetProperty("deliveries").EnumerateArray().ToList();
            if (deliveries.Count == 1 && deliveries[0].GetProperty("status").GetString() == status)
            {
                return deliveries[0];
            }
            Assert.True(DateTime.UtcNow < deadline, $"deliveries of {jobId}: {history}");
            await Task.Delay(100);
        }
    }
}
