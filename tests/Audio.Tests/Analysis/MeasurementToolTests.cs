using AudioMusic.Audio.Codecs;
using AudioMusic.TestSupport;

namespace AudioMusic.Audio.Tests.Analysis;

public sealed class MeasurementToolTests
{
    [Fact]
    public void Ffmpeg_loudness_of_a_stereo_sine_matches_the_bs1770_figure()
    {
        // A 1 kHz sine of peak 0.5 in both channels: mean square 0.125 per channel, K-weighting ≈ +0.69 dB at 1 kHz,
        // which the −0.691 dB constant of BS.1770 cancels: 10·log10(0.25) = −6.02 LUFS; its true peak is −6.02 dBTP.
        var audio = TestSignals.Dual(TestSignals.Sine(1000, 5, 0.5));
        using var stream = new MemoryStream();
        new WavEncoder().Encode(audio, stream);
        var loudness = Loudness.Measure(stream.ToArray(), "wav");
        Assert.InRange(loudness.IntegratedLufs, -6.3, -5.7);
        Assert.InRange(loudness.TruePeakDbtp, -6.3, -5.8);
    }

    [Fact]
    public void Loudness_summary_parser_reads_silence_as_minus_infinity_peak()
    {
        const string log = "[Parsed_ebur128_0] Summary:\n\n  Integrated loudness:\n    I:         -70.0 LUFS\n    Threshold:   0.0 LUFS\n\n  True peak:\n    Peak:       -inf dBFS\n";
        var parsed = Loudness.Parse(log);
        Assert.Equal(-70.0, parsed.IntegratedLufs);
        Assert.Equal(double.NegativeInfinity, parsed.TruePeakDbtp);
    }

    [Fact]
    public void Missing_tools_are_reported_with_what_to_install()
    {
        var error = Assert.Throws<ToolMissingException>(() => ExternalTool.Run("audiomusic-no-such-tool", []));
        Assert.Contains("install", error.Message);
        Assert.Contains("ffmpeg", error.Message);
    }

    [Fact]
    public void A_seamless_loop_has_no_wrap_click_and_a_cut_loop_has_one()
    {
        // 441 Hz fits a whole number of cycles into 48000 / 441 · 441 samples only approximately; use 480 Hz, whose
        // period is exactly 100 samples, so one second wraps seamlessly.
        var seamless = TestSignals.Dual(TestSignals.Sine(480, 1, 0.5));
        var cut = TestSignals.Dual(TestSignals.Sine(480, 1.00125, 0.5));
        Assert.True(ClickDetector.WrapSeamRatio(seamless) <= 1.05, $"seamless loop scored {ClickDetector.WrapSeamRatio(seamless):F2}");
        Assert.True(ClickDetector.WrapSeamRatio(cut) > 3, $"cut loop scored {ClickDetector.WrapSeamRatio(cut):F2}");
    }

    [Fact]
    public void Clicks_inside_a_signal_are_located()
    {
        var tone = TestSignals.Sine(200, 1, 0.4);
        for (var i = 30_000; i < tone.Length; i++)
        {
            tone[i] += 0.3f;
        }
        var clicks = ClickDetector.FindClicks(tone);
        Assert.Single(clicks);
        Assert.InRange(clicks[0], 29_999, 30_001);
    }

    [Fact]
    public void Alignment_finds_a_known_delay_and_snr_measures_added_noise()
    {
        var reference = TestSignals.Noise(0.5, 0.5, seed: 1);
        var delayed = new float[reference.Length];
        Array.Copy(reference, 0, delayed, 37, reference.Length - 37);
        var (lag, correlation) = Signal.BestAlignment(reference, delayed, 100);
        Assert.Equal(37, lag);
        Assert.True(correlation > 0.999);

        var noise = TestSignals.Noise(0.5, 0.005, seed: 2);
        var noisy = reference.Select((s, i) => s + noise[i]).ToArray();
        // Uniform noise of amplitude 0.5 vs 0.005: a power ratio of 10^4, i.e. 40 dB.
        Assert.InRange(Signal.SnrDb(reference, noisy), 39.5, 40.5);
    }
}
