using AudioMusic.Audio.Analysis;
using AudioMusic.TestSupport;

namespace AudioMusic.Audio.Tests.Analysis;

/// <summary>The analysis every output carries: what it reports, and what it declines to guess.</summary>
public sealed class AudioAnalyzerTests
{
    [Fact]
    public void A_click_track_reports_its_tempo_loudness_and_peak()
    {
        var audio = TestSignals.ClickTrack(120, 16, [1, 0.6, 0.8, 0.6], offBeatLevel: 0.2);

        var analysis = AudioAnalyzer.Analyze(audio);

        Assert.InRange(analysis.TempoBpm!.Value, 118.8, 121.2);
        var reference = Loudness.Measure(Codecs.LosslessCodecTests.Encode(new Audio.Codecs.WavEncoder(), audio), "wav");
        Assert.InRange(analysis.IntegratedLufs!.Value, reference.IntegratedLufs - 0.3, reference.IntegratedLufs + 0.3);
        Assert.InRange(analysis.TruePeakDbtp!.Value, reference.TruePeakDbtp - 0.5, reference.TruePeakDbtp + 0.5);
        Assert.Equal(audio.DurationSeconds, analysis.DurationSeconds, 3);
    }

    [Fact]
    public void Silence_reports_no_loudness_peak_tempo_or_key()
    {
        var analysis = AudioAnalyzer.Analyze(AudioBuffer.Silence(48_000, 2, 48_000 * 10));

        Assert.Null(analysis.IntegratedLufs);
        Assert.Null(analysis.TruePeakDbtp);
        Assert.Null(analysis.TempoBpm);
        Assert.Null(analysis.Key);
        Assert.Equal(10, analysis.DurationSeconds, 3);
    }

    [Fact]
    public void A_sound_too_short_for_a_beat_reports_no_tempo()
    {
        var analysis = AudioAnalyzer.Analyze(TestSignals.ClickTrack(120, 3, [1, 0.6]));

        Assert.Null(analysis.TempoBpm);
        Assert.NotNull(analysis.IntegratedLufs);
    }
}
