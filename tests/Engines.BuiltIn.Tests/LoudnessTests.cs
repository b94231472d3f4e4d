using AudioMusic.Audio.Dsp;

namespace AudioMusic.Engines.BuiltIn.Tests;

public sealed class LoudnessTests
{
    [Fact]
    public void K_weighting_matches_the_published_48k_coefficients()
    {
        var (shelf, highPass) = LoudnessMeter.KWeighting(48_000);
        Assert.Equal(1.53512485958697, shelf.B0, 1e-9);
        Assert.Equal(-2.69169618940638, shelf.B1, 1e-9);
        Assert.Equal(1.19839281085285, shelf.B2, 1e-9);
        Assert.Equal(-1.69065929318241, shelf.A1, 1e-9);
        Assert.Equal(0.73248077421585, shelf.A2, 1e-9);
        Assert.Equal(-1.99004745483398, highPass.A1, 1e-9);
        Assert.Equal(0.99007225036621, highPass.A2, 1e-9);
    }

    [Fact]
    public void A_full_scale_1k_sine_in_both_channels_reads_about_plus_0_6_lufs_and_silence_is_gated()
    {
        // A 0 dBFS 997 Hz sine on one channel reads −3.01 LUFS; on two channels +0.0 dB more power → ≈ 0 LUFS.
        var sine = Enumerable.Range(0, 48_000 * 3).Select(i => (float)Math.Sin(2 * Math.PI * 997 * i / 48_000)).ToArray();
        Assert.Equal(-3.01, LoudnessMeter.IntegratedLoudness([sine], 48_000), 0.05);
        Assert.Equal(0.0, LoudnessMeter.IntegratedLoudness([sine, sine], 48_000), 0.05);
        Assert.Equal(double.NegativeInfinity, LoudnessMeter.IntegratedLoudness([new float[48_000 * 2]], 48_000));
    }

    [Fact]
    public void Normaliser_hits_the_target_under_the_true_peak_ceiling()
    {
        var random = new SeededRandom(1);
        var signal = Enumerable.Range(0, 48_000 * 4).Select(i => (float)(0.05 * Math.Sin(2 * Math.PI * 110 * i / 48_000) + random.NextNoise() * (i % 12_000 < 2_400 ? 0.2 : 0.02))).ToArray();
        var channels = new[] { signal, (float[])signal.Clone() };
        var report = new LoudnessNormalizer(48_000).Normalize(channels);
        Assert.Equal(-14, LoudnessMeter.IntegratedLoudness(channels, 48_000), 0.5);
        Assert.True(TruePeakMeter.ToDb(TruePeakMeter.Measure(channels)) <= -1.0);
        Assert.True(report.Passes >= 1);
    }
}
