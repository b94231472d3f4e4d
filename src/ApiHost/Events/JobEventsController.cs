using System.Globalization;
using System.Text.Json;
using AudioMusic.ApiHost.Access;
using AudioMusic.ApiHost.Controllers;
using AudioMusic.ApiHost.Resilience;
using AudioMusic.Contracts;
using AudioMusic.Domain;
using AudioMusic.Grains;
using AudioMusic.Grains.Events;
using AudioMusic.Grains.Resilience;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AudioMusic.ApiHost.Events;

/// <summary>GET jobs/{id}/events: the job's events as Server-Sent Events. Replays what the reader has not seen (after
/// its Last-Event-ID, or ?after=N), then streams live, and ends after the terminal event. A reader that has already
/// seen the terminal event gets 204, which tells a browser's EventSource to stop reconnecting. Works through any API
/// host, and keeps going when the job's silo dies: the job's grain comes back elsewhere with its stored events.</summary>
[ApiController]
public sealed class JobEventsController : ControllerBase
{
    /// <summary>How long a browser waits before reconnecting after the stream breaks.</summary>
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(2);

    private readonly IGrainFactory _grains;
    private readonly ClusterReads _reads;
    private readonly JobLookup _jobs;
    private readonly JsonSerializerOptions _json;
    private readonly TimeSpan _heartbeat;

    public JobEventsController(IGrainFactory grains, ClusterReads reads, JobLookup jobs, IOptions<JsonOptions> json, IConfiguration configuration)
    {
        _grains = grains;
        _reads = reads;
        _jobs = jobs;
        _json = json.Value.JsonSerializerOptions;
        _heartbeat = configuration.GetValue("Api:EventHeartbeat", TimeSpan.FromSeconds(15));
    }

    /// <summary>The job's events: replayed after Last-Event-ID (or ?after=N), then live until the job ends.</summary>
    [HttpGet("api/v1/music/jobs/{id}/events")]
    [ProducesResponseType<JobEventDto>(StatusCodes.Status200OK, "text/event-stream")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Stream(string id, [FromQuery] string? after)
    {
        if (!await _jobs.IsVisibleAsync(id, HttpContext.Caller(), HttpContext.RequestAborted))
        {
            return JobIds.NotFound(id);
        }
        var (position, error) = Position(Request.Headers["Last-Event-ID"].ToString(), after);
        if (error is not null)
        {
            return Problems.Problems.Validation([error]);
        }
        var aborted = HttpContext.RequestAborted;
        var job = _grains.GetGrain<IJobGrain>(id);
        var page = await _reads.RunAsync(() => job.WaitForEvents(position, TimeSpan.Zero), aborted);
        if (!page.Exists && page.Events.Count == 0)
        {
            return JobIds.NotFound(id);
        }
        if (page.Events.Count == 0 && page.Finished)
        {
            return NoContent();
        }

        ServerSentEvents.Begin(Response, "job");
        var stream = new ServerSentEvents(Response);
        try
        {
            await stream.RetryAsync(Reconnect, aborted);
            while (true)
            {
                foreach (var next in page.Events)
                {
                    await stream.EventAsync(next.Sequence, next.Type, await DataAsync(job, next), aborted);
                    position = next.Sequence;
                    if (next.IsTerminal)
                    {
                        return new EmptyResult();
                    }
                }
                if (page.Events.Count == 0)
                {
                    if (page.Finished)
                    {
                        return new EmptyResult();
                    }
                    await stream.CommentAsync("heartbeat", aborted);
                }
                page = await WaitAsync(job, position, aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The reader went away; its wait in the grain was cancelled with the request.
            return new EmptyResult();
        }
        catch (Exception ex) when (TransientFailures.IsTransient(ex))
        {
            // The cluster did not come back within the read bound: the stream ends (its headers are long sent, so no
            // problem document can follow) and the reader reconnects with its Last-Event-ID, losing nothing.
            return new EmptyResult();
        }
    }

    /// <summary>The next events, waiting up to the heartbeat for them. Transient cluster failures (the job's silo
    /// dying) are retried for up to <c>Api:ReadRetryBound</c> from the first one, so the stream carries on once the
    /// job's grain is back, on whatever silo; past that the stream ends and the reader reconnects with its
    /// Last-Event-ID.</summary>
    private async Task<JobEventPage> WaitAsync(IJobGrain job, long position, CancellationToken aborted)
    {
        DateTimeOffset? firstFailure = null;
        while (true)
        {
            try
            {
                return await job.WaitForEvents(position, _heartbeat, aborted);
            }
            catch (Exception ex) when (TransientFailures.IsTransient(ex) && DateTimeOffset.UtcNow - (firstFailure ??= DateTimeOffset.UtcNow) < _reads.Bound)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), aborted);
            }
        }
    }

    private async Task<string> DataAsync(IJobGrain job, JobEvent next)
    {
        var view = next.Type == JobEventTypes.Deleted ? null : await _reads.RunAsync(job.GetView, HttpContext.RequestAborted);
        return JsonSerializer.Serialize(EventMapper.ToDto(next, view), _json);
    }

    /// <summary>Last-Event-ID (what a reconnecting EventSource sends) wins over ?after= (what the first request carried).</summary>
    internal static (long Position, FieldError? Error) Position(string header, string? query)
    {
        if (!string.IsNullOrEmpty(header))
        {
            return long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? (id, null)
                : (0, new FieldError("Last-Event-ID", "must be the id of an event this stream sent (a non-negative integer)"));
        }
        if (query is not null)
        {
            return long.TryParse(query, NumberStyles.None, CultureInfo.InvariantCulture, out var after)
                ? (after, null)
                : (0, new FieldError("after", "must be a non-negative integer: the id of the last event seen"));
        }
        return (0, null);
    }
}
