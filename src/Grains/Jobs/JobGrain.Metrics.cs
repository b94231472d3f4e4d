using AudioMusic.Domain;
using AudioMusic.Grains.Telemetry;

namespace AudioMusic.Grains.Jobs;

/// <summary>The JobGrain's transitions as metrics (see <see cref="JobMetrics"/>), tagged with the job's route and engine.</summary>
public sealed partial class JobGrain
{
    private string TaskTag => ListedTask.ToWire();

    private string EngineTag => _engines.EngineNameFor(Job.Request!);

    private void CountSubmitted() => JobMetrics.RecordSubmitted(TaskTag, EngineTag);

    /// <summary>When the job last entered the queue; a job stored before that was kept counts from its creation.</summary>
    private DateTimeOffset QueuedAt => Job.QueuedAt ?? Job.CreatedAt;

    private void CountStarted(DateTimeOffset now) => JobMetrics.RecordStarted(TaskTag, EngineTag, now - QueuedAt);

    private void CountRequeued() => JobMetrics.RecordRequeued(TaskTag, EngineTag);

    /// <summary>Called after the outcome is stored; a job cancelled while it waited has no run time. The run time is the
    /// attempt's start to the stored outcome's time, so the histogram holds what the job's own timestamps say, not the
    /// time its storage write took besides.</summary>
    private void CountFinished(JobStatus outcome, bool ran) =>
        JobMetrics.RecordFinished(TaskTag, EngineTag, outcome.ToWire().ToLowerInvariant(),
            ran && Job.AttemptStartedAt is { } started && Job.CompletedAt is { } finished ? finished - started : null);
}
