namespace AudioMusic.Grains.Retention;

/// <summary>Bound from the section "Storage": <c>Storage:Retention</c>, a .NET time span ("30.00:00:00" is 30 days;
/// unset, audio is kept for ever), and <c>Storage:MemoryLimitMb</c>, the most audio the memory mode holds before it
/// deletes the oldest (unset: no limit; ignored by the stores that keep audio on disk or in a database).</summary>
public sealed class RetentionOptions
{
    public TimeSpan? Retention { get; set; }

    public int? MemoryLimitMb { get; set; }

    public long? MemoryLimitBytes => MemoryLimitMb is { } mb ? mb * 1024L * 1024L : null;

    /// <summary>How often the sweep runs: a quarter of the retention, between one minute (the shortest period Orleans
    /// reminders allow) and one hour, so audio outlives its retention by at most that much.</summary>
    public TimeSpan SweepPeriod => Retention is { } retention
        ? TimeSpan.FromTicks(Math.Clamp(retention.Ticks / 4, TimeSpan.FromMinutes(1).Ticks, TimeSpan.FromHours(1).Ticks))
        : TimeSpan.FromHours(1);
}
