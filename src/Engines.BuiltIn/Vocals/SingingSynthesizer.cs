using AudioMusic.Engines.BuiltIn.Mixing;
using AudioMusic.Engines.BuiltIn.Vocals.Synthesis;

namespace AudioMusic.Engines.BuiltIn.Vocals;

/// <summary>
/// Formant singing synthesiser: turns timed syllables into a dry mono vocal. See docs/engine-vocals.md for the model.
/// </summary>
public sealed class SingingSynthesizer
{
    /// <summary>Peak level of a render: −3 dBFS, leaving the mixer headroom.</summary>
    public const float PeakLevel = 0.7f;

    private readonly int _sampleRate;

    public SingingSynthesizer(int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        _sampleRate = sampleRate;
    }

    /// <summary>
    /// Renders a dry mono vocal of exactly <paramref name="totalFrames"/> samples, peak-normalised to
    /// <see cref="PeakLevel"/> (relative loudness between notes follows their velocity and stress). The vowel of each
    /// note starts at its StartSeconds; onset consonants lead in up to 60 ms earlier. Identical inputs and seed give
    /// identical samples. Cancellation is checked every 64 samples.
    /// </summary>
    public float[] Render(IReadOnlyList<SungNote> notes, VoiceSpec voice, int totalFrames, int seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(voice);
        ArgumentOutOfRangeException.ThrowIfNegative(totalFrames);
        var output = new float[totalFrames];
        voice = WithFiniteSettings(voice);
        var timeline = VocalTimeline.Build(notes);
        var layers = VoiceLayer.For(voice.Type, seed);
        for (var i = 0; i < layers.Count; i++)
        {
            var layerSeed = unchecked(((ulong)(uint)seed << 8) ^ (ulong)(i + 1) * 0xD1B54A32D192ED03UL);
            new LayerRenderer(_sampleRate, layers[i], voice, timeline, layerSeed).RenderInto(output, cancellationToken);
        }
        Normalise(output);
        return output;
    }

    /// <summary>
    /// For each of <paramref name="notes"/> (same order), the time at which <see cref="Render"/> makes it start to
    /// sound: its onset consonants lead in before the vowel, by as much as the time line leaves room for. NaN for a
    /// note that is not sung (zero length or a non-finite value).
    /// </summary>
    public static double[] AudibleStarts(IReadOnlyList<SungNote> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var timeline = VocalTimeline.Build(notes);
        var planned = timeline.AudibleStarts();
        var starts = new double[notes.Count];
        Array.Fill(starts, double.NaN);
        for (var i = 0; i < planned.Length; i++)
        {
            starts[timeline.InputIndices[i]] = planned[i];
        }
        return starts;
    }

    /// <summary>A NaN or infinite setting would turn the whole render into NaN; it gets a moderate value instead.</summary>
    private static VoiceSpec WithFiniteSettings(VoiceSpec voice)
    {
        static double Finite(double value, double fallback) => double.IsFinite(value) ? value : fallback;
        return voice with
        {
            Breathiness = Finite(voice.Breathiness, 0.2),
            VibratoCents = Finite(voice.VibratoCents, 30),
            VibratoHz = Finite(voice.VibratoHz, 5.5),
            Brightness = Finite(voice.Brightness, 0.5),
        };
    }

    private static void Normalise(float[] samples)
    {
        var peak = Samples.Peak(samples);
        if (peak > 0 && float.IsFinite(peak))
        {
            Samples.Scale(samples, PeakLevel / peak);
        }
    }
}
