namespace AudioMusic.Domain;

/// <summary>The seeds of a batch: variation 0 uses the job's seed, the others seeds derived from it by a
/// fixed mixing function, so a batch is reproducible from its first seed alone.</summary>
public static class VariationSeeds
{
    public static IReadOnlyList<int> For(int seed, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        var seeds = new int[batchSize];
        for (var i = 0; i < batchSize; i++)
        {
            seeds[i] = i == 0 ? seed : Mix(seed, i);
        }
        return seeds;
    }

    /// <summary>SplitMix64 finaliser, folded into the non-negative int range.</summary>
    private static int Mix(int seed, int index)
    {
        var z = (ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)index * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
