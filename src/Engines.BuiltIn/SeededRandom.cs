namespace AudioMusic.Engines.BuiltIn;

/// <summary>A small, fast, fully specified PRNG (xoshiro128** seeded through SplitMix64), so that a seed gives
/// the same song on every runtime version and machine — unlike System.Random, whose algorithm is not a contract.</summary>
public sealed class SeededRandom
{
    private uint _s0, _s1, _s2, _s3;

    public SeededRandom(int seed, ulong stream = 0)
    {
        var z = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (stream + 1) * 0xD1B54A32D192ED03UL;
        _s0 = (uint)Next64(ref z);
        _s1 = (uint)Next64(ref z);
        _s2 = (uint)Next64(ref z);
        _s3 = (uint)Next64(ref z);
        if ((_s0 | _s1 | _s2 | _s3) == 0)
        {
            _s0 = 1;
        }
    }

    /// <summary>An independent generator for one purpose (drums, melody, …), so adding draws to one part of the
    /// composition never shifts the random choices of another.</summary>
    public SeededRandom Fork(ulong purpose) => new((int)NextUInt(), purpose);

    public uint NextUInt()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 9;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 11);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt() >> 8) * (1.0 / (1 << 24));

    /// <summary>Uniform in [-1, 1), single precision: the noise source of the synthesisers.</summary>
    public float NextNoise() => (int)NextUInt() * (1f / 2147483648f);

    /// <summary>Uniform integer in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => maxExclusive <= 1 ? 0 : (int)(NextDouble() * maxExclusive);

    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    public double Range(double min, double max) => min + (max - min) * NextDouble();

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Roughly normal (sum of three uniforms), for humanising timing and velocity.</summary>
    public double Gaussian() => (NextDouble() + NextDouble() + NextDouble() - 1.5) * 2;

    private static uint RotateLeft(uint x, int k) => (x << k) | (x >> (32 - k));

    private static ulong Next64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
