using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    /// <summary>Low-passes <paramref name="signal"/> in place, four samples per step of the recursion.</summary>
    /// <remarks>One sample is the linear map s' = M·s + B·x, y = C·s + D·x on the state s = (ic1, ic2). Four
    /// samples are s⁗ = M⁴·s + M³B·x₀ + M²B·x₁ + MB·x₂ + B·x₃, and output k is C·Mᵏ·s plus the impulse response
    /// (D, CB, CMB, CM²B) applied to the inputs so far. Only the products with the state wait for the previous
    /// step, so the recursion, which is what bounds a filter like this one, is two fused multiply-adds per four
    /// samples instead of per sample, and the input terms of all four outputs and of the next state are one
    /// eight-lane vector (fixed width, so every machine rounds alike). The same filter, rounded differently.</remarks>
    public void LowPass(Span<float> signal)
    {
        float a2 = _a2, a3 = _a3;
        // One sample: M = [[m11, m12], [m21, m22]], B = (b1, b2), C = (c1, c2), D = a3.
        float m11 = 2f * _a1 - 1f, m12 = -2f * a2, m21 = 2f * a2, m22 = 1f - 2f * a3, b1 = 2f * a2, b2 = 2f * a3;
        float c1 = a2, c2 = 1f - a3;
        float ic1 = _ic1, ic2 = _ic2;
        var i = 0;
        if (signal.Length >= 4)
        {
            var (mb1, mb2) = (m11 * b1 + m12 * b2, m21 * b1 + m22 * b2);
            var (m2b1, m2b2) = (m11 * mb1 + m12 * mb2, m21 * mb1 + m22 * mb2);
            var (m3b1, m3b2) = (m11 * m2b1 + m12 * m2b2, m21 * m2b1 + m22 * m2b2);
            var (cm1, cm2) = (c1 * m11 + c2 * m21, c1 * m12 + c2 * m22);
            var (cmm1, cmm2) = (cm1 * m11 + cm2 * m21, cm1 * m12 + cm2 * m22);
            var (cmmm1, cmmm2) = (cmm1 * m11 + cmm2 * m21, cmm1 * m12 + cmm2 * m22);
            float h1 = c1 * b1 + c2 * b2, h2 = cm1 * b1 + cm2 * b2, h3 = cmm1 * b1 + cmm2 * b2;
            float p11 = m11 * m11 + m12 * m21, p12 = m11 * m12 + m12 * m22, p21 = m21 * m11 + m22 * m21, p22 = m21 * m12 + m22 * m22;
            float q11 = p11 * p11 + p12 * p21, q12 = p11 * p12 + p12 * p22, q21 = p21 * p11 + p22 * p21, q22 = p21 * p12 + p22 * p22;
            // Input k's weight in outputs 0..3 (lanes 0-3) and in the next state (lanes 4, 5).
            var k0 = Vector256.Create(a3, h1, h2, h3, m3b1, m3b2, 0f, 0f);
            var k1 = Vector256.Create(0f, a3, h1, h2, m2b1, m2b2, 0f, 0f);
            var k2 = Vector256.Create(0f, 0f, a3, h1, mb1, mb2, 0f, 0f);
            var k3 = Vector256.Create(0f, 0f, 0f, a3, b1, b2, 0f, 0f);
            var fromIc1 = Vector128.Create(c1, cm1, cmm1, cmmm1);
            var fromIc2 = Vector128.Create(c2, cm2, cmm2, cmmm2);
            ref var x = ref MemoryMarshal.GetReference(signal);
            for (; i <= signal.Length - 4; i += 4)
            {
                var inputs = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref x, i + 3)), k3,
                    Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref x, i + 2)), k2,
                    Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref x, i + 1)), k1,
                    Vector256.Create(Unsafe.Add(ref x, i)) * k0)));
                var output = Vector128.FusedMultiplyAdd(fromIc1, Vector128.Create(ic1),
                    Vector128.FusedMultiplyAdd(fromIc2, Vector128.Create(ic2), inputs.GetLower()));
                output.StoreUnsafe(ref x, (nuint)i);
                var next = inputs.GetUpper();
                var next1 = MathF.FusedMultiplyAdd(q11, ic1, MathF.FusedMultiplyAdd(q12, ic2, next.ToScalar()));
                ic2 = MathF.FusedMultiplyAdd(q21, ic1, MathF.FusedMultiplyAdd(q22, ic2, next.GetElement(1)));
                ic1 = next1;
            }
        }
        for (; i < signal.Length; i++)
        {
            var x = signal[i];
            signal[i] = MathF.FusedMultiplyAdd(c1, ic1, MathF.FusedMultiplyAdd(c2, ic2, a3 * x));
            var next1 = MathF.FusedMultiplyAdd(m11, ic1, MathF.FusedMultiplyAdd(m12, ic2, b1 * x));
            ic2 = MathF.FusedMultiplyAdd(m21, ic1, MathF.FusedMultiplyAdd(m22, ic2, b2 * x));
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
