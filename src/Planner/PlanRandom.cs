namespace AudioMusic.Planner;

/// <summary>A small SplitMix64 generator. System.Random's seeded sequence is not a documented contract, and plans
/// must stay reproducible across runtime versions, so the planner owns its generator. Each decision draws from its
/// own stream (<see cref="For"/>) so that adding a decision never shifts the values of the others.</summary>
internal sealed class PlanRandom
{
    private ulong _state;

    private PlanRandom(ulong state) => _state = state;

    public static PlanRandom For(int seed, string query, string purpose) =>
        new(Mix((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ Fnv1a(query) ^ Fnv1a(purpose) * 0xBF58476D1CE4E5B9UL));

    public static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }

    public ulong NextULong()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, count).</summary>
    public int Next(int count) => count <= 1 ? 0 : (int)(NextULong() % (ulong)count);

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
