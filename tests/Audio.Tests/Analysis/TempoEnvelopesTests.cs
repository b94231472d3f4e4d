using AudioMusic.Audio.Analysis;
using AudioMusic.TestSupport;

namespace AudioMusic.Audio.Tests.Analysis;

/// <summary>The tempo estimator's envelopes, computed run by run without a spectrogram, are exactly those of the whole
/// spectrogram, across run boundaries (each run recomputes the frame before it, so no value depends on which thread
/// ran what).</summary>
public sealed class TempoEnvelopesTests
{
    [Fact]
    public void Run_by_run_envelopes_equal_the_spectrogram_ones_value_for_value()
    {
        // 20 s: about 3,750 frames, so 30 runs of 128 and a short last one. Clicks over noise, so every band has onsets.
        var clicks = TestSignals.ClickTrack(123, 20, [1, 0.6, 0.8, 0.6], offBeatLevel: 0.3);
        var noise = TestSignals.Noise(20, 0.02, seed: 3);
        var mono = Downmix.Mono(clicks).Zip(noise, (c, n) => c + n).ToArray();

        var spectrogram = Spectrum.Spectrogram(mono, OnsetEnvelope.FrameSize, OnsetEnvelope.Hop);
        var periodicity = OnsetEnvelope.Compute(spectrogram, clicks.SampleRate);
        var accents = OnsetEnvelope.ComputeBandBalanced(spectrogram, clicks.SampleRate);
        var (runPeriodicity, runAccents) = TempoEnvelopes.Compute(mono, clicks.SampleRate);

        Assert.Equal(3751, runPeriodicity.Values.Length);
        Assert.Equal(periodicity.Values, runPeriodicity.Values);
        Assert.Equal(accents.Values, runAccents.Values);
        Assert.Equal(periodicity.FramesPerSecond, runAccents.FramesPerSecond);
        Assert.True(runAccents.Values.Max() > 1, "the accents sum more than one band");
    }
}
