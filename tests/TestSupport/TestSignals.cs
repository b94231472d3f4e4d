using AudioMusic.Audio;

namespace AudioMusic.TestSupport;

/// <summary>Deterministic synthetic signals with known content, for proving encoders and analysers.</summary>
public static class TestSignals
{
    public const int Rate = AudioBuffer.StandardSampleRate;

    public static float[] Sine(double hz, double seconds, double amplitude = 0.5, double phase = 0, int rate = Rate)
    {
        var samples = new float[(int)Math.Round(seconds * rate)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(amplitude * Math.Sin((2 * Math.PI * hz * i / rate) + phase));
        }
        return samples;
    }

    public static float[] Noise(double seconds, double amplitude, int seed, int rate = Rate)
    {
        var random = new Random(seed);
        var samples = new float[(int)Math.Round(seconds * rate)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(amplitude * ((2 * random.NextDouble()) - 1));
        }
        return samples;
    }

    public static AudioBuffer Stereo(float[] left, float[] right, int rate = Rate) => new(rate, [left, right]);

    public static AudioBuffer Dual(float[] mono, int rate = Rate) => new(rate, [mono, (float[])mono.Clone()]);

    public static double MidiToHz(double midi) => 440 * Math.Pow(2, (midi - 69) / 12);

    /// <summary>A metronome: a short decaying noise-and-tone burst on every beat, with an accent pattern over the bar
    /// (e.g. [1, 0.4, 0.4] for 3/4) and optional off-beat ticks at <paramref name="offBeatLevel"/>.</summary>
    public static AudioBuffer ClickTrack(double bpm, double seconds, IReadOnlyList<double> accents, double offBeatLevel = 0, int seed = 7)
    {
        var samples = new float[(int)(seconds * Rate)];
        var random = new Random(seed);
        var beat = 60.0 / bpm;
        var index = 0;
        for (var t = 0.0; t < seconds; t += beat / 2, index++)
        {
            var onBeat = index % 2 == 0;
            var level = onBeat ? accents[(index / 2) % accents.Count] : offBeatLevel;
            if (level <= 0)
            {
                continue;
            }
            AddBurst(samples, t, level * 0.5, onBeat && level >= 0.99 ? 80 : 2000, random);
        }
        return Dual(samples);
    }

    /// <summary>Sustained chords (MIDI note numbers), each for <paramref name="chordSeconds"/>, as sums of decaying
    /// harmonic tones: a stand-in for a harmonic accompaniment in a known key.</summary>
    public static AudioBuffer Chords(IReadOnlyList<int[]> chords, double chordSeconds, double amplitude = 0.15)
    {
        var length = (int)(chords.Count * chordSeconds * Rate);
        var samples = new float[length];
        for (var c = 0; c < chords.Count; c++)
        {
            var start = (int)(c * chordSeconds * Rate);
            var count = (int)(chordSeconds * Rate);
            foreach (var note in chords[c])
            {
                var hz = MidiToHz(note);
                for (var i = 0; i < count && start + i < length; i++)
                {
                    var t = (double)i / Rate;
                    var envelope = Math.Exp(-1.5 * t) * Math.Min(1, t / 0.01);
                    double tone = 0;
                    for (var h = 1; h <= 4; h++)
                    {
                        tone += Math.Sin(2 * Math.PI * hz * h * t) / (h * h);
                    }
                    samples[start + i] += (float)(amplitude * envelope * tone);
                }
            }
        }
        return Dual(samples);
    }

    private static void AddBurst(float[] samples, double time, double amplitude, double toneHz, Random random)
    {
        var start = (int)Math.Round(time * Rate);
        var length = (int)(0.06 * Rate);
        for (var i = 0; i < length && start + i < samples.Length; i++)
        {
            var t = (double)i / Rate;
            var envelope = Math.Exp(-t / 0.012);
            var value = (0.6 * Math.Sin(2 * Math.PI * toneHz * t)) + (0.4 * ((2 * random.NextDouble()) - 1));
            samples[start + i] += (float)(amplitude * envelope * value);
        }
    }
}
