namespace AudioMusic.Engines.BuiltIn.Vocals.Synthesis;

/// <summary>
/// Coefficients of a two-pole formant resonator with unity gain at 0 Hz (the classic cascade-formant form), so that a
/// cascade of them reproduces the natural relative formant amplitudes. Also gives the matching anti-resonator (zero).
/// </summary>
internal readonly record struct ResonatorCoefficients(double A, double B, double C)
{
    public static readonly ResonatorCoefficients Bypass = new(1, 0, 0);

    public static ResonatorCoefficients Resonance(double frequencyHz, double bandwidthHz, int sampleRate)
    {
        if (frequencyHz <= 0 || frequencyHz >= 0.45 * sampleRate)
        {
            return Bypass;
        }
        var radius = Math.Exp(-Math.PI * bandwidthHz / sampleRate);
        var c = -radius * radius;
        var b = 2 * radius * Math.Cos(2 * Math.PI * frequencyHz / sampleRate);
        return new(1 - b - c, b, c);
    }

    /// <summary>The zero pair whose transfer function is the inverse of <see cref="Resonance"/>.</summary>
    public static ResonatorCoefficients AntiResonance(double frequencyHz, double bandwidthHz, int sampleRate)
    {
        var pole = Resonance(frequencyHz, bandwidthHz, sampleRate);
        return new(1 / pole.A, -pole.B / pole.A, -pole.C / pole.A);
    }
}

/// <summary>Constant-peak-gain band-pass (RBJ form) for shaping fricative noise; peak gain is 1 at the centre.</summary>
internal readonly record struct BandPassCoefficients(double B0, double A1, double A2)
{
    public static BandPassCoefficients For(double centreHz, double bandwidthHz, int sampleRate)
    {
        var centre = Math.Min(centreHz, 0.42 * sampleRate);
        var w = 2 * Math.PI * centre / sampleRate;
        var q = Math.Max(centre / Math.Max(bandwidthHz, 1), 0.3);
        var alpha = Math.Sin(w) / (2 * q);
        var a0 = 1 + alpha;
        return new(alpha / a0, -2 * Math.Cos(w) / a0, (1 - alpha) / a0);
    }
}
