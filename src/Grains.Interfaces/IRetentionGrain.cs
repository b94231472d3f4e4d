namespace AudioMusic.Grains;

/// <summary>Deletes the audio of jobs completed longer ago than <c>Storage:Retention</c>, from a reminder, so a
/// long-running service does not fill its disk or database, and in the memory mode the oldest audio above
/// <c>Storage:MemoryLimitMb</c>. One per cluster (key 0).</summary>
public interface IRetentionGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the sweep's reminder for the configured retention (every silo calls it at start).</summary>
    Task Start();

    /// <summary>Runs one sweep now; returns how many jobs' audio it deleted.</summary>
    [ResponseTimeout("00:05:00")]
    Task<int> Sweep();

    /// <summary>The memory mode over <c>Storage:MemoryLimitMb</c>: deletes the oldest completed audio until the store is
    /// back under the limit; returns how many jobs' audio it deleted.</summary>
    [ResponseTimeout("00:05:00")]
    Task<int> TrimToMemoryLimit();
}
