using System.Text.Json;
using AudioMusic.ApiHost.Access;
using AudioMusic.Contracts;
using AudioMusic.Domain;
using AudioMusic.Grains.Events;
using AudioMusic.Grains.Resilience;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AudioMusic.ApiHost.Events;

/// <summary>GET /api/v1/music/events: every job's events (the caller's tenant's, with keys on) as one Server-Sent Events stream, for dashboards and job
/// lists. Resumes after Last-Event-ID (or ?after=N) from the feed's window of recent events, then streams live until
/// the reader leaves. The feed is kept in memory: after its silo dies it starts again from new events, and a reader
/// that needs every transition of a job reads that job's own stream.</summary>
[ApiController]
public sealed class EventFeedController : ControllerBase
{
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(2);

    private readonly IGrainFactory _grains;
    private readonly JsonSerializerOptions _json;
    private readonly TimeSpan _heartbeat;

    public EventFeedController(IGrainFactory grains, IOptions<JsonOptions> json, IConfiguration configuration)
    {
        _grains = grains;
        _json = json.Value.JsonSerializerOptions;
        _heartbeat = configuration.GetValue("Api:EventHeartbeat", TimeSpan.FromSeconds(15));
    }

    /// <summary>Every job's events, live, after Last-Event-ID (or ?after=N).</summary>
    [HttpGet("api/v1/music/events")]
    [ProducesResponseType<FeedEventDto>(StatusCodes.Status200OK, "text/event-stream")]
    public async Task<IActionResult> Stream([FromQuery] string? after)
    {
        var (position, error) = JobEventsController.Position(Request.Headers["Last-Event-ID"].ToString(), after);
        if (error is not null)
        {
            return Problems.Problems.Validation([error]);
        }
        var aborted = HttpContext.RequestAborted;
        // A tenant's reader sees its own jobs' events only; the feed's numbering stays the same for everyone.
        var caller = HttpContext.Caller();
        var feed = _grains.GetGrain<IJobEventFeedGrain>(0);
        ServerSentEvents.Begin(Response, "all");
        var stream = new ServerSentEvents(Response);
        try
        {
            await stream.RetryAsync(Reconnect, aborted);
            var lastWrite = TimeProvider.System.GetTimestamp();
            while (true)
            {
                IReadOnlyList<FeedEvent> events;
                try
                {
                    events = await feed.WaitForEvents(position, _heartbeat, aborted);
                }
                catch (Exception ex) when (TransientFailures.IsTransient(ex))
                {
                    // The feed's silo is going: the stream ends and the reader reconnects with its Last-Event-ID.
                    return new EmptyResult();
                }
                foreach (var next in events)
                {
                    position = next.Sequence;
                    if (!caller.CanSee(next.Owner))
                    {
                        continue;
                    }
                    var e = next.Event;
                    var dto = new FeedEventDto(next.Sequence, next.JobId, e.Type, e.At, e.Status.ToWire(), e.Progress, e.Stage, e.Attempt, e.Device,
                        e.QueuePosition, e.Reason);
                    await stream.EventAsync(next.Sequence, e.Type, JsonSerializer.Serialize(dto, _json), aborted);
                    lastWrite = TimeProvider.System.GetTimestamp();
                }
                // Other tenants' events wake the poll without anything to send; the heartbeat goes by silence instead.
                if (TimeProvider.System.GetElapsedTime(lastWrite) >= _heartbeat)
                {
                    await stream.CommentAsync("heartbeat", aborted);
                    lastWrite = TimeProvider.System.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return new EmptyResult();
        }
    }
}
