namespace AudioMusic.Grains.Retention;

/// <summary>Bound from the section "Storage": <c>Storage:Retention</c>, a .NET time span ("30.00:00:00" is 30 days).
/// Unset, audio is kept for ever.</summary>
public sealed class RetentionOptions
{
    public TimeSpan? Retention { get; set; }

    /// <summary>How often the sweep runs: a quarter of the retention, between one minute (the shortest period Orleans
    /// reminders allow) and one hour, so audio outlives its retention by at most that much.</summary>
    public TimeSpan SweepPeriod => Retention is { } retention
        ? TimeSpan.FromTicks(Math.Clamp(retention.Ticks / 4, TimeSpan.FromMinutes(1).Ticks, TimeSpan.FromHours(1).Ticks))
        : TimeSpan.FromHours(1);
}
