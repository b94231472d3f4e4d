using AudioMusic.Audio.Analysis;
using AudioMusic.TestSupport;

namespace AudioMusic.Audio.Tests.Analysis;

public sealed class TempoAndMeterTests
{
    private static readonly double[] FourFour = [1, 0.6, 0.8, 0.6];
    private static readonly double[] ThreeFour = [1, 0.5, 0.5];

    [Theory]
    [InlineData(60)]
    [InlineData(72)]
    [InlineData(90)]
    [InlineData(110)]
    [InlineData(128)]
    [InlineData(150)]
    [InlineData(180)]
    public void Tempo_of_an_accented_click_track_with_off_beats_is_within_one_percent(double bpm)
    {
        var audio = TestSignals.ClickTrack(bpm, 16, FourFour, offBeatLevel: 0.2);
        var estimate = TempoEstimator.Estimate(audio);
        Assert.InRange(estimate, bpm * 0.99, bpm * 1.01);
    }

    [Theory]
    [InlineData(66)]
    [InlineData(100)]
    [InlineData(170)]
    public void Tempo_of_plain_beats_without_subdivisions_is_found(double bpm)
    {
        var audio = TestSignals.ClickTrack(bpm, 16, [1, 0.8, 0.9, 0.8]);
        Assert.InRange(TempoEstimator.Estimate(audio), bpm * 0.99, bpm * 1.01);
    }

    [Theory]
    [InlineData(90)]
    [InlineData(120)]
    [InlineData(150)]
    public void Three_four_and_four_four_are_told_apart(double bpm)
    {
        Assert.Equal(3, MeterEstimator.Estimate(TestSignals.ClickTrack(bpm, 16, ThreeFour, offBeatLevel: 0.2), bpm).BeatsPerBar);
        Assert.Equal(4, MeterEstimator.Estimate(TestSignals.ClickTrack(bpm, 16, FourFour, offBeatLevel: 0.2), bpm).BeatsPerBar);
    }

    [Fact]
    public void Two_four_is_recognised_when_every_other_beat_is_accented_evenly()
    {
        var audio = TestSignals.ClickTrack(100, 16, [1, 0.4]);
        Assert.Equal(2, MeterEstimator.Estimate(audio, 100).BeatsPerBar);
    }

    [Fact]
    public void Onsets_are_found_within_ten_milliseconds()
    {
        var audio = TestSignals.ClickTrack(75, 8, [1, 0.6]);
        var onsets = OnsetDetector.Detect(audio);
        var expected = Enumerable.Range(0, 10).Select(i => i * 0.8).ToArray();
        Assert.Equal(expected.Length, onsets.Count);
        var errors = expected.Select(time => OnsetDetector.Nearest(onsets, time)!.Value - time).ToArray();
        Assert.True(errors.All(e => Math.Abs(e) <= 0.01),
            $"onset errors (ms): {string.Join(", ", errors.Select(e => $"{e * 1000:F1}"))}");
    }
}
