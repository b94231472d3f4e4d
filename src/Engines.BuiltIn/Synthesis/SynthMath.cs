using System.Numerics;
using System.Runtime.CompilerServices;

namespace AudioMusic.Engines.BuiltIn.Synthesis;

/// <summary>Shared tables and conversions for the synthesisers.</summary>
internal static class SynthMath
{
    private const int TableBits = 12;
    private const int TableSize = 1 << TableBits;

    /// <summary>One sine cycle with a guard point, read with linear interpolation (error below −90 dB, far
    /// cheaper than Math.Sin in the inner loops).</summary>
    private static readonly float[] Sine = BuildSine();

    public static float Frequency(double midiPitch) => (float)(440.0 * Math.Pow(2, (midiPitch - 69) / 12));

    /// <summary>sin(2π·phase) for a phase in cycles (any real value).</summary>
    public static float Sin(double phase)
    {
        var p = phase - Math.Floor(phase);
        var x = p * TableSize;
        var i = (int)x;
        var frac = (float)(x - i);
        return Sine[i] + (Sine[i + 1] - Sine[i]) * frac;
    }

    /// <summary>sin(2π·phase) for a phase already in [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SinUnit(float phase)
    {
        var x = phase * TableSize;
        var i = (int)x;
        var frac = x - i;
        return Sine[i] + (Sine[i + 1] - Sine[i]) * frac;
    }

    /// <summary>Per-sample multiplier of an exponential decay that falls by 60 dB in <paramref name="seconds"/>.</summary>
    public static float DecayPerSample(double seconds, int sampleRate) =>
        (float)Math.Exp(Math.Log(0.001) / Math.Max(1e-4, seconds * sampleRate));

    /// <summary>A tanh-shaped saturation: the [3/2] Padé approximant of tanh, which reaches ±1 with the curve
    /// flattening at |x| = 3 and is clamped beyond. Within a few per cent of tanh at a fraction of its cost.</summary>
    public static float SoftClip(float x)
    {
        if (x >= 3f)
        {
            return 1f;
        }
        if (x <= -3f)
        {
            return -1f;
        }
        var x2 = x * x;
        return x * (27f + x2) / (27f + 9f * x2);
    }

    /// <summary>PolyBLEP residual that removes most of a naive sawtooth's aliasing at the wrap, for a vector of
    /// phases t (in [0, 1)) with phase increment dt.</summary>
    public static Vector<float> PolyBlep(Vector<float> t, Vector<float> dt)
    {
        var one = Vector<float>.One;
        var rising = t / dt;
        var falling = (t - one) / dt;
        var atStart = rising + rising - rising * rising - one;
        var atEnd = falling * falling + falling + falling + one;
        return Vector.ConditionalSelect(Vector.LessThan(t, dt), atStart,
            Vector.ConditionalSelect(Vector.GreaterThan(t, one - dt), atEnd, Vector<float>.Zero));
    }

    private static float[] BuildSine()
    {
        var table = new float[TableSize + 1];
        for (var i = 0; i <= TableSize; i++)
        {
            table[i] = (float)Math.Sin(2 * Math.PI * i / TableSize);
        }
        return table;
    }
}

/// <summary>Zero-delay-feedback state-variable filter (low-pass output), stable under fast cutoff modulation.</summary>
internal struct StateVariableFilter
{
    private float _ic1, _ic2, _g, _k, _a1, _a2, _a3;

    public void SetCutoff(float frequency, float resonance, int sampleRate)
    {
        var f = Math.Clamp(frequency, 20f, sampleRate * 0.45f);
        _g = (float)Math.Tan(Math.PI * f / sampleRate);
        _k = 2f - 2f * Math.Clamp(resonance, 0f, 0.97f);
        _a1 = 1f / (1f + _g * (_g + _k));
        _a2 = _g * _a1;
        _a3 = _g * _a2;
    }

    /// <summary>Low-passes <paramref name="signal"/> in place. The state is kept in locals for the block, and the
    /// two integrator updates are expanded into direct products of the previous state (the same filter, with
    /// a shorter chain of dependent operations from one sample to the next).</summary>
    public void LowPass(Span<float> signal)
    {
        float ic1 = _ic1, ic2 = _ic2, a1 = _a1, a2 = _a2, a3 = _a3;
        float m11 = 2f * a1 - 1f, m12 = -2f * a2, m22 = 1f - 2f * a3, b1 = 2f * a2, b2 = 2f * a3;
        for (var i = 0; i < signal.Length; i++)
        {
            var x = signal[i];
            signal[i] = ic2 + a2 * ic1 + a3 * (x - ic2);
            // Fused multiply-adds nest the input term innermost: two dependent operations per state, not three.
            var next1 = MathF.FusedMultiplyAdd(m11, ic1, MathF.FusedMultiplyAdd(m12, ic2, b1 * x));
            ic2 = MathF.FusedMultiplyAdd(b1, ic1, MathF.FusedMultiplyAdd(m22, ic2, b2 * x));
            ic1 = next1;
        }
        _ic1 = ic1;
        _ic2 = ic2;
    }

    public float BandPass(float x)
    {
        var v3 = x - _ic2;
        var v1 = _a1 * _ic1 + _a2 * v3;
        var v2 = _ic2 + _a2 * _ic1 + _a3 * v3;
        _ic1 = 2f * v1 - _ic1;
        _ic2 = 2f * v2 - _ic2;
        return v1;
    }

    public float HighPass(float x)
    {
        var v3 = x - _ic2;
        var v1 = _a1 * _ic1 + _a2 * v3;
        var v2 = _ic2 + _a2 * _ic1 + _a3 * v3;
        _ic1 = 2f * v1 - _ic1;
        _ic2 = 2f * v2 - _ic2;
        return x - _k * v1 - v2;
    }
}
