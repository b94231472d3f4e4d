namespace AudioMusic.Grains.Webhooks;

/// <summary>Configuration section "Webhooks".</summary>
public sealed class WebhookOptions
{
    /// <summary>The signing secret in the Standard Webhooks form <c>whsec_&lt;base64&gt;</c>. Unset in the one-box default,
    /// the host makes one and keeps it in the data directory; unset elsewhere, a <c>callback_url</c> is refused.</summary>
    public string? Secret { get; set; }

    /// <summary>Attempts per delivery, the first included.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long one attempt may take, from connecting to the response's headers.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait before each retry (the Standard Webhooks schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h),
    /// each with ±20 % jitter; the last entry repeats when <see cref="MaxAttempts"/> asks for more.</summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    /// <summary>The longest a Retry-After from a receiver may push the next attempt out.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(10);

    /// <summary>Progress deliveries per job are at most this frequent.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a pending delivery's reminder fires: the longest a delivery waits after its silo died.</summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Hosts, exactly as written in a <c>callback_url</c>, that may be private or loopback addresses (local
    /// receivers in tests and private deployments). Allowing <c>127.0.0.1</c> does not allow <c>localhost</c>.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    public static IReadOnlyList<TimeSpan> StandardDelays { get; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    public IReadOnlyList<TimeSpan> Delays => RetryDelays.Count > 0 ? RetryDelays : StandardDelays;
}
