using System.Diagnostics;
using AudioMusic.Engines;

namespace AudioMusic.Grains.Telemetry;

/// <summary>The spans of a job's attempt, joined to the trace of the request that submitted it (its W3C context is
/// kept in the job's state): the wait in the queue, the attempt, the engine's stages, then encoding and storing.
/// Tagged with the job id, attempt, device and engine, so a slow job explains itself in Jaeger or Tempo.</summary>
public static class JobSpans
{
    public const string JobIdTag = "audiomusic.job.id";
    public const string AttemptTag = "audiomusic.job.attempt";
    public const string DeviceTag = "audiomusic.device";
    public const string EngineTag = "audiomusic.engine";

    /// <summary>Records the queue wait as a finished span, then starts the attempt's span (null when nobody listens).</summary>
    public static Activity? StartAttempt(JobLease lease, string device, string engine)
    {
        var parent = ActivityContext.TryParse(lease.TraceParent, null, out var submitted) ? submitted : default;
        var tags = new ActivityTagsCollection
        {
            [JobIdTag] = lease.JobId,
            [AttemptTag] = lease.Attempt,
            [DeviceTag] = device,
            [EngineTag] = engine,
        };
        if (lease.QueuedAt is { } queuedAt)
        {
            using var waited = AudioMusicTelemetry.Source.StartActivity(ActivityKind.Internal, parent, tags, startTime: queuedAt, name: "job.queued");
        }
        return AudioMusicTelemetry.Source.StartActivity(ActivityKind.Internal, parent, tags, name: "job.attempt");
    }

    public static void Failed(Activity? attempt, Exception error) =>
        attempt?.SetStatus(ActivityStatusCode.Error, error.Message).AddException(error);
}

/// <summary>Turns the engine's progress reports into one span per stage (composing, rendering, vocals, mixing, …)
/// under the attempt's span, passing every report on. Reports come from the engine's threads, so the spans are
/// parented explicitly and the thread's current activity is left as it was.</summary>
public sealed class StageSpans(IProgress<EngineProgress> inner, ActivityContext attempt) : IProgress<EngineProgress>, IDisposable
{
    private readonly Lock _gate = new();
    private Activity? _stage;
    private string? _stageName;

    public void Report(EngineProgress value)
    {
        lock (_gate)
        {
            if (attempt != default && value.Stage != _stageName)
            {
                var current = Activity.Current;
                _stage?.Stop();
                _stageName = value.Stage;
                _stage = AudioMusicTelemetry.Source.StartActivity("stage " + value.Stage, ActivityKind.Internal, attempt);
                Activity.Current = current;
            }
        }
        inner.Report(value);
    }

    /// <summary>Ends the last stage's span: the engine is done.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            var current = Activity.Current;
            _stage?.Stop();
            _stage = null;
            Activity.Current = current;
        }
    }
}
