using AudioMusic.Audio.Analysis;
using AudioMusic.Domain;
using AudioMusic.TestSupport;

namespace AudioMusic.Engines.BuiltIn.Tests.Measurements;

/// <summary>Each genre preset at its default tempo and first meter, measured from the decoded FLAC.</summary>
public sealed class GenrePresetMeasurementTests
{
    private const double Seconds = 12;

    public static TheoryData<string> Presets => new(GenrePresets.All.Select(p => p.Slug));

    [Theory]
    [MemberData(nameof(Presets))]
    public void Decoded_file_has_the_requested_length_rate_and_channels(string slug)
    {
        var rendered = EngineRenders.Render(Request(slug));
        Assert.Equal(48_000, rendered.Decoded.SampleRate);
        Assert.Equal(2, rendered.Decoded.ChannelCount);
        Assert.Equal(rendered.Variation.Audio.Frames, rendered.Decoded.Frames);
        Assert.InRange(rendered.Decoded.DurationSeconds, Seconds - 0.01, Seconds + 0.01);
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void Tempo_is_within_two_percent_of_the_requested_bpm(string slug)
    {
        var request = Request(slug);
        var rendered = EngineRenders.Render(request);
        var meter = request.TimeSignature!.Value;
        // The tempo a listener taps: the bpm counts quarter notes, 6/8 is felt in dotted quarters.
        var felt = request.Bpm!.Value * meter.PulsesPerBar / meter.QuarterNotesPerBar;
        var measured = TempoEstimator.Estimate(rendered.Decoded);
        Assert.True(Math.Abs(measured - felt) <= felt * 0.02, $"{slug}: requested {felt:F1} bpm, measured {measured:F2} bpm");
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void Loudness_is_minus_fourteen_lufs_with_a_true_peak_below_minus_one(string slug)
    {
        var rendered = EngineRenders.Render(Request(slug));
        var loudness = Loudness.Measure(rendered.Flac, "flac");
        Assert.True(Math.Abs(loudness.IntegratedLufs + 14) <= 1, $"{slug}: integrated loudness {loudness.IntegratedLufs:F1} LUFS, expected -14 ± 1");
        Assert.True(loudness.TruePeakDbtp <= -1, $"{slug}: true peak {loudness.TruePeakDbtp:F2} dBTP, expected ≤ -1");
    }

    internal static GenerationRequest Request(string slug)
    {
        var preset = GenrePresets.Find(slug)!;
        return EngineRenders.Instrumental(preset, preset.Meters[0], Seconds);
    }
}
