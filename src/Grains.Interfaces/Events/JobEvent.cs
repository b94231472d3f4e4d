namespace AudioMusic.Grains.Events;

/// <summary>One thing that happened to a job: a transition, or progress while it runs. <see cref="Sequence"/> only
/// grows within a job (not by one: a transition is <c>n × 1,000,000</c>, the progress reports after it count up from
/// there), so a reader resumes after the last one it saw, also after the job's silo died; the fields are the job's
/// as of the event.</summary>
[GenerateSerializer, Immutable]
public sealed record JobEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] AudioMusic.Domain.JobStatus Status,
    [property: Id(4)] double Progress,
    [property: Id(5)] string Stage,
    [property: Id(6)] int Attempt,
    [property: Id(7)] string? Device,
    [property: Id(8)] int? QueuePosition,
    [property: Id(9)] string? Reason)
{
    /// <summary>Transitions are this far apart, leaving room for the progress reports between them.</summary>
    public const long TransitionStride = 1_000_000;

    public bool IsTerminal => Type is JobEventTypes.Completed or JobEventTypes.Failed or JobEventTypes.Cancelled or JobEventTypes.Deleted;
}

/// <summary>The event types, as they appear on the wire.</summary>
public static class JobEventTypes
{
    public const string Queued = "job.queued";
    public const string Started = "job.started";
    public const string Progress = "job.progress";
    public const string Requeued = "job.requeued";
    public const string Completed = "job.completed";
    public const string Failed = "job.failed";
    public const string Cancelled = "job.cancelled";
    public const string Deleted = "job.deleted";

    public static IReadOnlyList<string> All { get; } = [Queued, Started, Progress, Requeued, Completed, Failed, Cancelled, Deleted];
}

/// <summary>The events after a reader's position. <see cref="Exists"/> is false when the id holds no job (any more);
/// <see cref="Finished"/> is true when nothing more will happen (the job ended, or is gone).</summary>
[GenerateSerializer, Immutable]
public sealed record JobEventPage(
    [property: Id(0)] bool Exists,
    [property: Id(1)] bool Finished,
    [property: Id(2)] IReadOnlyList<JobEvent> Events);
