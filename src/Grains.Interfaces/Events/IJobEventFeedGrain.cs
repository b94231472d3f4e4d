namespace AudioMusic.Grains.Events;

/// <summary>Every job's events in one feed, for dashboards and job lists (GET /api/v1/music/events). One per cluster
/// (key 0). It keeps the most recent events in memory only: the durable record of a job's events is the job's own
/// stream, and a reader of this feed that misses some (the feed's silo died) reads the job to catch up.</summary>
public interface IJobEventFeedGrain : IGrainWithIntegerKey
{
    /// <summary>Adds a job's event to the feed; called by the JobGrain after the event is stored.</summary>
    [Orleans.Concurrency.OneWay]
    Task Publish(string jobId, string? owner, JobEvent jobEvent);

    /// <summary>The feed's events after <paramref name="after"/>; when there are none, waits up to
    /// <paramref name="wait"/> (at most 20 s) for the next.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<FeedEvent>> WaitForEvents(long after, TimeSpan wait, CancellationToken cancellationToken = default);
}

/// <summary>One event in the feed. <see cref="Sequence"/> only grows: it is the feed's clock in microseconds since the
/// Unix epoch, nudged up by one where two events share a microsecond, so it keeps growing when the feed's grain comes
/// back on another silo. <see cref="Owner"/> is the job's tenant, by which the API shows each reader only its own.</summary>
[GenerateSerializer, Immutable]
public sealed record FeedEvent([property: Id(0)] long Sequence, [property: Id(1)] string JobId, [property: Id(2)] JobEvent Event,
    [property: Id(3)] string? Owner = null);
