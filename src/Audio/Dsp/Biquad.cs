namespace AudioMusic.Audio.Dsp;

/// <summary>Second-order IIR section in transposed direct form II, with a0 normalised to 1.
/// Coefficients are doubles: the K-weighting high-pass sits at 38 Hz, where single precision loses the response.</summary>
public struct Biquad
{
    private readonly double _b0, _b1, _b2, _a1, _a2;
    private double _z1, _z2;

    public Biquad(double b0, double b1, double b2, double a1, double a2)
    {
        _b0 = b0;
        _b1 = b1;
        _b2 = b2;
        _a1 = a1;
        _a2 = a2;
        _z1 = 0;
        _z2 = 0;
    }

    public readonly double B0 => _b0;
    public readonly double B1 => _b1;
    public readonly double B2 => _b2;
    public readonly double A1 => _a1;
    public readonly double A2 => _a2;

    public double Process(double x)
    {
        // Fused multiply-adds with the output's product outermost: the recursion through y is two dependent
        // operations per sample instead of four, which is what bounds a long filtering pass.
        var y = Math.FusedMultiplyAdd(_b0, x, _z1);
        _z1 = Math.FusedMultiplyAdd(-_a1, y, Math.FusedMultiplyAdd(_b1, x, _z2));
        _z2 = Math.FusedMultiplyAdd(-_a2, y, _b2 * x);
        return y;
    }

    public void Reset()
    {
        _z1 = 0;
        _z2 = 0;
    }

    /// <summary>RBJ-cookbook style high shelf as used by BS.1770's pre-filter (gain in dB, quality factor q).</summary>
    public static Biquad HighShelf(double sampleRate, double frequency, double gainDb, double q)
    {
        var k = Math.Tan(Math.PI * frequency / sampleRate);
        var vh = Math.Pow(10, gainDb / 20);
        var vb = Math.Pow(vh, 0.4996667741545416);
        var a0 = 1 + k / q + k * k;
        return new Biquad(
            (vh + vb * k / q + k * k) / a0,
            2 * (k * k - vh) / a0,
            (vh - vb * k / q + k * k) / a0,
            2 * (k * k - 1) / a0,
            (1 - k / q + k * k) / a0);
    }

    /// <summary>Second-order high-pass with unity numerator (1, -2, 1), the RLB weighting stage of BS.1770.</summary>
    public static Biquad HighPass(double sampleRate, double frequency, double q)
    {
        var k = Math.Tan(Math.PI * frequency / sampleRate);
        var a0 = 1 + k / q + k * k;
        return new Biquad(1, -2, 1, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0);
    }

    /// <summary>Butterworth-style low-pass (cookbook form).</summary>
    public static Biquad LowPass(double sampleRate, double frequency, double q)
    {
        var w = 2 * Math.PI * Math.Min(frequency, sampleRate * 0.45) / sampleRate;
        var alpha = Math.Sin(w) / (2 * q);
        var cos = Math.Cos(w);
        var a0 = 1 + alpha;
        return new Biquad((1 - cos) / 2 / a0, (1 - cos) / a0, (1 - cos) / 2 / a0, -2 * cos / a0, (1 - alpha) / a0);
    }

    /// <summary>Cookbook high-pass with a normal numerator, for DC and rumble removal.</summary>
    public static Biquad HighPassCookbook(double sampleRate, double frequency, double q)
    {
        var w = 2 * Math.PI * frequency / sampleRate;
        var alpha = Math.Sin(w) / (2 * q);
        var cos = Math.Cos(w);
        var a0 = 1 + alpha;
        return new Biquad((1 + cos) / 2 / a0, -(1 + cos) / a0, (1 + cos) / 2 / a0, -2 * cos / a0, (1 - alpha) / a0);
    }
}
