namespace AudioMusic.Engines.BuiltIn.Vocals.Synthesis;

/// <summary>
/// One singer: vocal-tract size (formant scaling), phonation type, and how this singer deviates from the written line
/// (detuning, timing, vibrato rate). A solo voice is one layer; a choir is several.
/// </summary>
internal sealed record VoiceLayer(
    double F1Scale,
    double UpperFormantScale,
    double F4Hz,
    double BandwidthScale,
    GlottalPulseTables Pulse,
    double DetuneCents,
    double TimeOffsetSeconds,
    double VibratoRateFactor,
    double Gain)
{
    // Female vocal tracts are ~15 % shorter, which raises the formants by about that much.
    private static VoiceLayer Male(double detune = 0, double offset = 0, double rate = 1, double size = 1, double gain = 1) =>
        new(1.0 * size, 1.0 * size, 3500 * size, 1.0, GlottalPulseTables.Tense, detune, offset, rate, gain);

    private static VoiceLayer Female(double detune = 0, double offset = 0, double rate = 1, double size = 1, double gain = 1) =>
        new(1.15 * size, 1.17 * size, 4100 * size, 1.15, GlottalPulseTables.Lax, detune, offset, rate, gain);

    /// <summary>The singers of a voice type; choir singers get seed-dependent detuning and entry times.</summary>
    public static IReadOnlyList<VoiceLayer> For(VoiceType type, int seed)
    {
        switch (type)
        {
            case VoiceType.Male:
                return [Male()];
            case VoiceType.Female:
                return [Female()];
            default:
                var random = new SplitMix(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + 0xC401));
                double Spread(double width) => (random.NextDouble() * 2 - 1) * width;
                // Unison choir of four: two higher and two lower voices, each a little sharp or flat and a few
                // milliseconds early or late, which is what makes a section sound like several people.
                var gain = 1 / Math.Sqrt(4);
                return
                [
                    Female(detune: 6 + Spread(3), offset: Spread(0.006), rate: 1.03, size: 1.0, gain: gain),
                    Female(detune: -7 + Spread(3), offset: 0.010 + Spread(0.004), rate: 0.94, size: 1.03, gain: gain),
                    Male(detune: 4 + Spread(3), offset: -0.006 + Spread(0.003), rate: 1.07, size: 1.0, gain: gain),
                    Male(detune: -5 + Spread(3), offset: 0.014 + Spread(0.004), rate: 0.97, size: 0.96, gain: gain),
                ];
        }
    }
}

/// <summary>Small, fast, seedable generator (SplitMix64) so that renders are identical on every platform.</summary>
internal struct SplitMix(ulong state)
{
    private ulong _state = state;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
}
