using System.Net;
using System.Text.Json;

namespace AudioMusic.Api.Tests;

/// <summary>Queue limits, idempotency, listing and the catalogue routes, on a server whose jobs stay queued.</summary>
public sealed class QueueAndCatalogTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync(new Dictionary<string, string>
    {
        ["Devices:CpuCount"] = "0",
        ["Queue:Capacity"] = "6",
        ["Queue:RetryAfter"] = "00:00:07",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_full_queue_answers_429_with_retry_after_and_frees_up_after_a_cancel()
    {
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add((await _server.SubmitAsync("text2music", $$"""{"caption": "song {{i}}"}""")).GetProperty("id").GetString()!);
        }
        using var full = await _server.PostJsonAsync("/api/v1/music/text2music", """{"caption": "one too many"}""");
        await ValidationTests.ProblemAsync(full, HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(7), full.Headers.RetryAfter?.Delta);

        await _server.Client.DeleteAsync($"/api/v1/music/jobs/{ids[0]}");
        await _server.SubmitAsync("text2music", """{"caption": "now it fits"}""");
    }

    [Fact]
    public async Task An_idempotency_key_returns_the_same_job_and_refuses_a_different_body()
    {
        const string body = """{"caption": "idempotent pop", "seed": 5}""";
        var key = Guid.NewGuid().ToString();
        using var first = await _server.PostJsonAsync("/api/v1/music/text2music", body, key);
        using var second = await _server.PostJsonAsync("/api/v1/music/text2music", body, key);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var a = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("job").GetProperty("id").GetString();
        var b = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("job").GetProperty("id").GetString();
        Assert.Equal(a, b);

        using var different = await _server.PostJsonAsync("/api/v1/music/text2music", """{"caption": "something else"}""", key);
        await ValidationTests.ProblemAsync(different, HttpStatusCode.Conflict);
        await _server.Client.DeleteAsync($"/api/v1/music/jobs/{a}");
    }

    [Fact]
    public async Task Listing_filters_searches_and_pages_through_every_job_once()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await _server.SubmitAsync("prompt2instrumental", $$"""{"prompt": "{{marker}} ambient {{i}}"}""")).GetProperty("id").GetString()!);
        }
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/music/jobs?q={marker}&limit=3&task=prompt2instrumental&status=PENDING" + (cursor is null ? "" : $"&cursor={cursor}");
            var page = JsonDocument.Parse(await _server.Client.GetStringAsync(url)).RootElement;
            seen.AddRange(page.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("id").GetString()!));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(ids.AsEnumerable().Reverse(), seen);

        var counts = JsonDocument.Parse(await _server.Client.GetStringAsync("/api/v1/music/jobs/counts")).RootElement;
        Assert.True(counts.GetProperty("by_status").GetProperty("PENDING").GetInt64() >= 4);
        foreach (var id in ids)
        {
            await _server.Client.DeleteAsync($"/api/v1/music/jobs/{id}");
        }
    }

    [Fact]
    public async Task A_new_job_shows_every_field_of_the_job_object()
    {
        var job = await _server.SubmitAsync("text2music", """{"prompt": "jazz", "bpm": 120, "keyscale": "Bb major", "timesignature": 3, "display_name": "Waltz"}""");
        foreach (var field in new[] { "id", "task", "status", "progress", "stage", "queue_position", "display_name", "parameters", "resolved", "output_url", "output_urls", "audio_duration", "actual_seeds", "lrc_content", "created_at", "started_at", "completed_at", "error_message" })
        {
            Assert.True(job.TryGetProperty(field, out _), $"missing {field}");
        }
        Assert.Equal("text2music", job.GetProperty("task").GetString());
        Assert.Equal("PENDING", job.GetProperty("status").GetString());
        var parameters = job.GetProperty("parameters");
        Assert.Equal("jazz", parameters.GetProperty("caption").GetString());
        Assert.Equal("Bb major", parameters.GetProperty("keyscale").GetString());
        Assert.Equal("3/4", parameters.GetProperty("timesignature").GetString());
        Assert.Single(job.GetProperty("actual_seeds").EnumerateArray());
        await _server.Client.DeleteAsync($"/api/v1/music/jobs/{job.GetProperty("id").GetString()}");
    }

    [Fact]
    public async Task Presets_include_every_required_genre()
    {
        var presets = JsonDocument.Parse(await _server.Client.GetStringAsync("/api/v1/music/presets")).RootElement.GetProperty("presets");
        var names = presets.EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToHashSet();
        foreach (var genre in new[] { "Modern Pop", "Rock", "Hip Hop", "Jazz", "Classical", "Electronic", "Country", "Folk", "Blues", "Reggae", "Latin", "R&B", "Metal", "Lo-fi", "Ambient", "Cinematic" })
        {
            Assert.Contains(genre, names);
        }
        var first = presets[0];
        Assert.True(first.GetProperty("min_bpm").GetInt32() < first.GetProperty("max_bpm").GetInt32());
        Assert.NotEmpty(first.GetProperty("tags").EnumerateArray());
    }

    [Fact]
    public async Task Health_model_status_and_openapi_answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync("/health/ready")).StatusCode);
        var status = JsonDocument.Parse(await _server.Client.GetStringAsync("/api/v1/music/model/status")).RootElement;
        Assert.True(status.GetProperty("queue").GetProperty("queue_capacity").GetInt32() == 6);
        var openApi = JsonDocument.Parse(await _server.Client.GetStringAsync("/openapi/v1.json")).RootElement;
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/v1/music/text2music", out _));
        using var docs = await _server.Client.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }

    [Fact]
    public async Task The_simple_plan_route_plans_without_creating_a_job()
    {
        using var response = await _server.PostJsonAsync("/api/v1/music/simple/plan", """{"query": "a sad country ballad about a dog, in G major", "seed": 3}""");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var plan = JsonDocument.Parse(body).RootElement.GetProperty("plan");
        Assert.Equal("G major", plan.GetProperty("keyscale").GetString());
        Assert.Contains("[chorus]", plan.GetProperty("lyrics").GetString());
    }

    [Fact]
    public async Task Cancel_is_idempotent_and_keeps_the_job_where_a_second_delete_would_remove_it()
    {
        var id = (await _server.SubmitAsync("text2music", """{"caption": "cancel me twice"}""")).GetProperty("id").GetString()!;

        foreach (var message in new[] { "cancelled", "already cancelled" })
        {
            using var response = await _server.Client.PostAsync($"/api/v1/music/jobs/{id}/cancel", null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("CANCELLED", body.GetProperty("job").GetProperty("status").GetString());
            Assert.Equal(message, body.GetProperty("message").GetString());
        }
        // The job is still there to retry.
        using var retried = await _server.Client.PostAsync($"/api/v1/music/jobs/{id}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        await _server.Client.PostAsync($"/api/v1/music/jobs/{id}/cancel", null);

        using var unknown = await _server.Client.PostAsync($"/api/v1/music/jobs/{Guid.NewGuid()}/cancel", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_202_answer_tells_each_job_its_real_place_in_the_queue()
    {
        var positions = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            positions.Add((await _server.SubmitAsync("text2music", $$"""{"caption": "in line {{i}}"}""")).GetProperty("queue_position").GetInt32());
        }
        var together = await Task.WhenAll(Enumerable.Range(3, 3).Select(i => _server.SubmitAsync("text2music", $$"""{"caption": "at once {{i}}"}""")));

        // Told at enqueue time, not from a copy of the queue that may be half a second old: an empty queue says 0, and
        // jobs submitted at the same moment each learn a different place.
        Assert.Equal([0, 1, 2], positions);
        Assert.Equal([3, 4, 5], together.Select(j => j.GetProperty("queue_position").GetInt32()).Order());
    }
}
