namespace AudioMusic.Grains.Jobs;

/// <summary>Configuration section "Jobs".</summary>
public sealed class JobOptions
{
    /// <summary>How long a device's claim on a running job lasts without renewal before the sweep re-queues it.
    /// With the 2 s sweep, a killed silo's job is queued again within about 12 s of its last renewal.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a running device renews its lease (and reports progress).</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts (device losses and retryable failures) before a job fails for good.</summary>
    public int MaxAttempts { get; set; } = 3;
}
