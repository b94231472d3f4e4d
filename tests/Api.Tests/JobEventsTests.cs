using System.Net;
using System.Text;
using System.Text.Json;

namespace AudioMusic.Api.Tests;

/// <summary>GET jobs/{id}/events over a real Kestrel host, read as an EventSource reads it: the whole life of a job in
/// order, resuming from every position, 204 once the end was seen, heartbeats, 404 and 400, and a cancel mid-stream.</summary>
public sealed class JobEventsTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await ApiServer.StartAsync(new Dictionary<string, string> { ["Api:EventHeartbeat"] = "00:00:01" });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_job_streams_its_whole_life_and_every_position_resumes_exactly()
    {
        var id = (await _server.SubmitAsync("prompt2instrumental", """{"prompt": "events from start to end", "duration": 20, "seed": 11}"""))
            .GetProperty("id").GetString()!;
        var (status, events) = await ReadAsync($"/api/v1/music/jobs/{id}/events");
        Assert.Equal(HttpStatusCode.OK, status);
        var types = events.Select(e => e.Type).ToList();
        Assert.Equal("job.queued", types[0]);
        Assert.Equal("job.started", types[1]);
        Assert.Equal("job.completed", types[^1]);
        Assert.All(types[2..^1], t => Assert.Equal("job.progress", t));
        // Ids only grow; each data carries its own id, type and the job.
        Assert.Equal(events.Select(e => e.Id).Order(), events.Select(e => e.Id));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        foreach (var e in events)
        {
            Assert.Equal(e.Id, e.Data.GetProperty("sequence").GetInt64());
            Assert.Equal(e.Type, e.Data.GetProperty("type").GetString());
            Assert.Equal(id, e.Data.GetProperty("job").GetProperty("id").GetString());
        }
        Assert.Equal("PENDING", events[0].Data.GetProperty("status").GetString());
        Assert.Equal(0, events[0].Data.GetProperty("queue_position").GetInt32());
        Assert.Equal(1, events[1].Data.GetProperty("attempt").GetInt32());
        Assert.Equal("COMPLETED", events[^1].Data.GetProperty("job").GetProperty("status").GetString());

        // A finished job replays its stored transitions (progress reports are not kept) and closes at once.
        var transitions = events.Where(e => e.Type != "job.progress").ToList();
        var (_, replay) = await ReadAsync($"/api/v1/music/jobs/{id}/events");
        Assert.Equal(transitions.Select(e => (e.Id, e.Type)), replay.Select(e => (e.Id, e.Type)));
        // From every position: exactly what came after it, by header (a reconnecting EventSource) or by query.
        foreach (var seen in transitions.SkipLast(1))
        {
            var (_, byHeader) = await ReadAsync($"/api/v1/music/jobs/{id}/events", lastEventId: seen.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(transitions.Where(e => e.Id > seen.Id).Select(e => e.Id), byHeader.Select(e => e.Id));
            var (_, byQuery) = await ReadAsync($"/api/v1/music/jobs/{id}/events?after={seen.Id}");
            Assert.Equal(byHeader.Select(e => e.Id), byQuery.Select(e => e.Id));
        }
        // The header wins over the query, as it does when EventSource reconnects to the URL it started with.
        var (_, both) = await ReadAsync($"/api/v1/music/jobs/{id}/events?after=0", lastEventId: transitions[^2].Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([transitions[^1].Id], both.Select(e => e.Id));
        // After the terminal event there is nothing more: 204 stops a browser's reconnecting.
        var (done, none) = await ReadAsync($"/api/v1/music/jobs/{id}/events", lastEventId: transitions[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.NoContent, done);
        Assert.Empty(none);
    }

    [Fact]
    public async Task A_waiting_job_sends_heartbeats_and_a_cancel_ends_the_stream()
    {
        // A long job holds the only device, so the second one waits in the queue.
        var running = (await _server.SubmitAsync("prompt2instrumental", """{"prompt": "hold the device", "duration": 600, "batch_size": 3, "seed": 12}"""))
            .GetProperty("id").GetString()!;
        var waiting = (await _server.SubmitAsync("prompt2instrumental", """{"prompt": "wait in line", "duration": 10, "seed": 13}"""))
            .GetProperty("id").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/music/jobs/{waiting}/events");
        using var response = await _server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = new List<string>();
        while (lines.Count(l => l == ": heartbeat") < 2)
        {
            lines.Add((await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)))!);
        }
        Assert.Contains("event: job.queued", lines);
        Assert.Equal(1, lines.Count(l => l == "data: " || l.StartsWith("data: ", StringComparison.Ordinal)));
        Assert.Contains("retry: 2000", lines);

        using (var cancel = await _server.Client.PostAsync($"/api/v1/music/jobs/{waiting}/cancel", null))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }
        var rest = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("event: job.cancelled", rest, StringComparison.Ordinal);
        using var stop = await _server.Client.PostAsync($"/api/v1/music/jobs/{running}/cancel", null);
    }

    [Fact]
    public async Task Unknown_jobs_are_404_and_a_malformed_position_is_a_400_naming_it()
    {
        var (unknown, _) = await ReadAsync($"/api/v1/music/jobs/{Guid.NewGuid()}/events");
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        var id = (await _server.SubmitAsync("prompt2instrumental", """{"prompt": "bad positions", "duration": 10, "seed": 14}""")).GetProperty("id").GetString()!;
        foreach (var (query, header, field) in new[] { ("?after=-1", null, "after"), ("?after=x", null, "after"), ("", "abc", "Last-Event-ID"), ("", "1.5", "Last-Event-ID") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/music/jobs/{id}/events{query}");
            if (header is not null)
            {
                request.Headers.Add("Last-Event-ID", header);
            }
            using var response = await _server.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
        }
    }

    private sealed record ServerSentEvent(long Id, string Type, JsonElement Data);

    /// <summary>Reads a stream to its end, parsing it as the standard says a client does.</summary>
    private async Task<(HttpStatusCode Status, List<ServerSentEvent> Events)> ReadAsync(string path, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        using var response = await _server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = new List<ServerSentEvent>();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, events);
        }
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        string? id = null, type = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    events.Add(new ServerSentEvent(long.Parse(id!, System.Globalization.CultureInfo.InvariantCulture), type ?? "message", JsonDocument.Parse(data.ToString()).RootElement.Clone()));
                }
                (id, type) = (null, null);
                data.Clear();
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line[6..]);
            }
        }
        return (response.StatusCode, events);
    }
}
