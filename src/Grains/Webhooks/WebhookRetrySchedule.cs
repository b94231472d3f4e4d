namespace AudioMusic.Grains.Webhooks;

/// <summary>When a failed delivery is tried next: the configured delay for its attempt number, spread by ±20 % jitter
/// (derived from the delivery's id, so a test sees the same schedule every run, while deliveries that failed together
/// do not all come back in the same second), or the receiver's Retry-After when that is longer.</summary>
public static class WebhookRetrySchedule
{
    /// <summary>Null when <paramref name="attemptsMade"/> used up the attempts.</summary>
    public static TimeSpan? DelayAfter(int attemptsMade, string webhookId, WebhookOptions options, TimeSpan? retryAfter)
    {
        if (attemptsMade >= options.MaxAttempts)
        {
            return null;
        }
        var delays = options.Delays;
        var planned = delays[Math.Min(attemptsMade - 1, delays.Count - 1)];
        var jitter = 0.8 + 0.4 * Fraction(webhookId, attemptsMade);
        var delay = TimeSpan.FromTicks((long)(planned.Ticks * jitter));
        return retryAfter is { } asked && asked > delay ? asked : delay;
    }

    /// <summary>A number in [0, 1) from the id and attempt: stable across runs and processes (no string.GetHashCode).</summary>
    private static double Fraction(string webhookId, int attempt)
    {
        var hash = 2166136261u;
        foreach (var c in webhookId)
        {
            hash = (hash ^ c) * 16777619u;
        }
        hash = (hash ^ (uint)attempt) * 16777619u;
        return (hash % 10_000) / 10_000.0;
    }
}
