namespace AudioMusic.Grains;

/// <summary>Why a completed job's audio was deleted while its description was kept.</summary>
[GenerateSerializer]
public enum AudioExpiry
{
    /// <summary>The audio was older than <c>Storage:Retention</c>.</summary>
    Retention,

    /// <summary>The memory mode's <c>Storage:MemoryLimitMb</c> was reached and this was among the oldest audio.</summary>
    MemoryLimit,
}
