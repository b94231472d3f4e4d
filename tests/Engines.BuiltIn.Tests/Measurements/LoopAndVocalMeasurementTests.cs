using AudioMusic.Domain;
using AudioMusic.TestSupport;

namespace AudioMusic.Engines.BuiltIn.Tests.Measurements;

/// <summary>Loops (length and seam), stems of instrumental jobs, and the timing of sung lines.</summary>
public sealed class LoopAndVocalMeasurementTests
{
    [Theory]
    [InlineData("electronic", 128, "4/4")]
    [InlineData("hip-hop", 93, "4/4")]
    [InlineData("jazz", 140, "3/4")]
    public void Loop_is_a_whole_number_of_bars_to_the_sample_and_wraps_without_a_click(string slug, int bpm, string meterText)
    {
        var preset = GenrePresets.Find(slug)!;
        var meter = TimeSignature.Parse(meterText);
        var request = EngineRenders.Instrumental(preset, meter, 8, bpm: bpm) with { Task = MusicTask.Text2Samples, SampleType = SampleType.Loop };
        var rendered = EngineRenders.Render(request);

        var bars = rendered.Resolved.Bars!.Value;
        var expectedFrames = (long)Math.Round(bars * meter.QuarterNotesPerBar * 60.0 / bpm * 48_000);
        Assert.Equal(expectedFrames, rendered.Variation.Audio.Frames);
        Assert.Equal(expectedFrames, rendered.Decoded.Frames);

        // The sharpest moment of the seam must be no sharper than the sharpest moment inside the loop.
        var seam = ClickDetector.WrapSeamToInteriorMaximum(rendered.Decoded);
        Assert.True(seam <= 1.0, $"{slug} loop: wrap-point second difference is {seam:F2}× the largest inside the loop");
    }

    [Fact]
    public void Instrumental_job_has_no_energy_in_its_vocal_stem()
    {
        var stems = EngineRenders.RenderStems(GenrePresetMeasurementTests.Request("rock") with { DurationSeconds = 8 });
        var peak = stems.Stems!["vocals"].Channels.Max(c => Signal.Peak(c));
        Assert.True(peak < 1e-5, $"instrumental vocal stem peaks at {Signal.ToDecibels(peak):F1} dBFS");
        Assert.True(Signal.RmsDb(EngineRenders.Accompaniment(stems).Channels[0]) > -40, "the accompaniment stems are (nearly) silent");
    }

    [Fact]
    public void Sung_lines_start_within_fifty_milliseconds_of_their_lyric_times()
    {
        // The voice of lyric2vocals is the voice of a song without its band and without reverb, whose tails would
        // blur the onsets being timed; its lines are timed by the same writer and synthesiser.
        var preset = GenrePresets.Find("modern-pop")!;
        var request = new GenerationRequest
        {
            Task = MusicTask.Lyric2Vocals,
            Caption = preset.Caption,
            Lyrics = "[verse]\nHello morning light\nWalking down the street\n[chorus]\nSing it loud tonight\nDancing to the beat",
            GenrePreset = preset.Slug,
            DurationSeconds = 20,
            Bpm = 100,
            Key = KeyScale.Of(0, Mode.Major),
            TimeSignature = TimeSignature.FourFour,
            VocalLanguage = "en",
        };
        var voice = EngineRenders.Render(request).Variation;
        var lines = voice.Lyrics;
        Assert.NotEmpty(lines);
        var onsets = OnsetDetector.Detect(voice.Audio, sensitivity: 0.05);
        var misses = new List<string>();
        foreach (var line in lines)
        {
            var nearest = OnsetDetector.Nearest(onsets, line.StartSeconds);
            if (nearest is null || Math.Abs(nearest.Value - line.StartSeconds) > 0.05)
            {
                misses.Add($"'{line.Text}' at {line.StartSeconds:F3} s: nearest vocal onset {(nearest is null ? "none" : $"{nearest:F3} s")}");
            }
        }
        Assert.True(misses.Count == 0, string.Join("\n", misses));
    }
}
