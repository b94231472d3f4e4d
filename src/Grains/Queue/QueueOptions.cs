namespace AudioMusic.Grains.Queue;

/// <summary>Configuration section "Queue".</summary>
public sealed class QueueOptions
{
    /// <summary>Jobs that may wait at once; the next submit is answered 429 with Retry-After.</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>The Retry-After given when the queue is full.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the queue looks for jobs whose device lease ran out (one indexed query).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A device that has not re-registered for this long is considered gone.</summary>
    public TimeSpan DeviceTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>How stale the per-silo copy of queue positions may be.</summary>
    public TimeSpan PositionRefresh { get; set; } = TimeSpan.FromMilliseconds(500);
}
