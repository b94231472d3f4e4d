using AudioMusic.Audio.Analysis;
using AudioMusic.Domain;
using AudioMusic.TestSupport;

namespace AudioMusic.Audio.Tests.Analysis;

public sealed class KeyAndPitchTests
{
    [Theory]
    [InlineData("C major")]
    [InlineData("G major")]
    [InlineData("F# major")]
    [InlineData("Bb major")]
    [InlineData("A minor")]
    [InlineData("E minor")]
    [InlineData("C# minor")]
    [InlineData("F minor")]
    public void Key_of_a_cadential_chord_progression_is_found(string keyText)
    {
        var key = KeyScale.Parse(keyText);
        var audio = TestSignals.Chords(Progression(key), 1.5);
        Assert.Equal(key, KeyEstimator.Estimate(audio).Key);
    }

    [Theory]
    [InlineData(82.41)]
    [InlineData(220)]
    [InlineData(523.25)]
    public void Yin_tracks_the_fundamental_of_a_harmonic_tone(double hz)
    {
        var tone = new float[TestSignals.Rate];
        for (var i = 0; i < tone.Length; i++)
        {
            var t = (double)i / TestSignals.Rate;
            tone[i] = (float)((0.3 * Math.Sin(2 * Math.PI * hz * t)) + (0.2 * Math.Sin(2 * Math.PI * 2 * hz * t)) + (0.1 * Math.Sin(2 * Math.PI * 3 * hz * t)));
        }
        var frames = PitchEstimator.Track(tone, TestSignals.Rate);
        Assert.NotEmpty(frames);
        Assert.All(frames, f => Assert.InRange(f.FrequencyHz ?? 0, hz * 0.995, hz * 1.005));
    }

    [Fact]
    public void Yin_reports_silence_and_noise_as_unvoiced()
    {
        Assert.All(PitchEstimator.Track(new float[TestSignals.Rate / 2], TestSignals.Rate), f => Assert.Null(f.FrequencyHz));
        var noise = TestSignals.Noise(0.5, 0.3, seed: 5);
        var voiced = PitchEstimator.Track(noise, TestSignals.Rate).Count(f => f.FrequencyHz is not null);
        Assert.True(voiced < 5, $"{voiced} noise frames were called voiced");
    }

    [Fact]
    public void Peak_frequency_of_a_sine_is_exact_to_a_fraction_of_a_hertz()
    {
        Assert.InRange(Spectrum.PeakFrequency(TestSignals.Sine(1000, 1), TestSignals.Rate), 999.7, 1000.3);
    }

    /// <summary>I–IV–V–I (major) or i–iv–V–i (minor, harmonic V) in close position around middle C, bass below.</summary>
    private static int[][] Progression(KeyScale key)
    {
        var tonic = 48 + key.Tonic;
        var third = key.Mode == Mode.Major ? 4 : 3;
        int[] Triad(int root, int thirdSize) => [root - 12, root, root + thirdSize, root + 7];
        return
        [
            Triad(tonic, third),
            Triad(tonic + 5, third),
            Triad(tonic + 7, 4),
            Triad(tonic, third),
            Triad(tonic + 5, third),
            Triad(tonic + 7, 4),
            Triad(tonic, third),
        ];
    }
}
