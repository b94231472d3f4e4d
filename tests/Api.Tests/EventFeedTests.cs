using System.Globalization;
using System.Net;
using System.Text.Json;

namespace AudioMusic.Api.Tests;

/// <summary>GET /api/v1/music/events: every job's events in one stream, live, with growing ids, resuming after
/// Last-Event-ID from the feed's window; a malformed position is a 400.</summary>
public sealed class EventFeedTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await ApiServer.StartAsync(new Dictionary<string, string> { ["Api:EventHeartbeat"] = "00:00:01" });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_feed_carries_every_jobs_events_and_resumes_after_an_id()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/music/events");
        using var response = await _server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var first = (await _server.SubmitAsync("prompt2instrumental", """{"prompt": "feed one", "duration": 10, "seed": 31}""")).GetProperty("id").GetString()!;
        var second = (await _server.SubmitAsync("prompt2instrumental", """{"prompt": "feed two", "duration": 10, "seed": 32}""")).GetProperty("id").GetString()!;
        var events = new List<(long Id, string Type, string JobId)>();
        string? id = null;
        string? type = null;
        while (!(events.Any(e => e.JobId == first && e.Type == "job.completed") && events.Any(e => e.JobId == second && e.Type == "job.completed")))
        {
            var line = (await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)))!;
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                using var data = JsonDocument.Parse(line[6..]);
                Assert.Equal(id, data.RootElement.GetProperty("sequence").GetInt64().ToString(CultureInfo.InvariantCulture));
                Assert.Equal(type, data.RootElement.GetProperty("type").GetString());
                events.Add((long.Parse(id!, CultureInfo.InvariantCulture), type!, data.RootElement.GetProperty("job_id").GetString()!));
            }
        }
        Assert.Equal(events.Select(e => e.Id).Order(), events.Select(e => e.Id));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        foreach (var job in new[] { first, second })
        {
            var types = events.Where(e => e.JobId == job).Select(e => e.Type).Where(t => t != "job.progress").ToList();
            Assert.Equal(["job.queued", "job.started", "job.completed"], types);
        }

        // A reader that reconnects after an id gets what came after it, from the feed's window.
        var resumeAfter = events[0].Id;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/music/events");
        again.Headers.Add("Last-Event-ID", resumeAfter.ToString(CultureInfo.InvariantCulture));
        using var resumed = await _server.Client.SendAsync(again, HttpCompletionOption.ResponseHeadersRead);
        using var resumedReader = new StreamReader(await resumed.Content.ReadAsStreamAsync());
        var ids = new List<long>();
        while (ids.Count < events.Count - 1)
        {
            var line = (await resumedReader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)))!;
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                ids.Add(long.Parse(line[4..], CultureInfo.InvariantCulture));
            }
        }
        Assert.Equal(events.Skip(1).Select(e => e.Id), ids);
    }

    [Fact]
    public async Task A_malformed_position_is_a_400_naming_it()
    {
        using var response = await _server.Client.GetAsync("/api/v1/music/events?after=soon");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("after", out _));
    }
}
