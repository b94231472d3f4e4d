namespace AudioMusic.Grains.Devices;

/// <summary>The device's own view of its lease, so that a job never runs twice at once. The JobGrain re-queues a job
/// only after its lease ran out on the grain's side, counted from when the grain accepted the last renewal. The device
/// counts from when it <em>sent</em> its last acknowledged renewal, which is earlier, and stops the engine a margin
/// before that count runs out. A device cut off from its job (its silo partitioned, or declared dead while still
/// running) therefore stops before anyone else can start the job. Only durations are compared, each on one clock, so
/// clocks of different machines need not agree.</summary>
internal sealed class LeaseFence
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _usable;
    private long _acknowledgedAt;

    /// <param name="startedAt">When the device asked for the job (a timestamp of <paramref name="time"/>).</param>
    public LeaseFence(TimeProvider time, TimeSpan leaseDuration, TimeSpan margin, long startedAt)
    {
        _time = time;
        _usable = leaseDuration - margin;
        _acknowledgedAt = startedAt;
    }

    /// <summary>A renewal sent at <paramref name="sentAt"/> was accepted: the lease runs from then.</summary>
    public void Acknowledged(long sentAt) => _acknowledgedAt = Math.Max(_acknowledgedAt, sentAt);

    /// <summary>True once the lease may be about to run out on the grain's side: the device must stop.</summary>
    public bool Expired => Remaining <= TimeSpan.Zero;

    /// <summary>How long the device may still run without another acknowledged renewal (a renewal call that has not
    /// answered by then counts as failed).</summary>
    public TimeSpan Remaining => _usable - _time.GetElapsedTime(_acknowledgedAt);
}
