using AudioMusic.Audio.Dsp;
using AudioMusic.Domain;
using AudioMusic.Engines;

namespace AudioMusic.Engines.BuiltIn.Tests;

public sealed class BuiltInEngineTests
{
    private static readonly BuiltInEngine Engine = new();

    private static EngineResult Generate(GenerationRequest request, params int[] seeds) =>
        Engine.GenerateAsync(EngineTestData.Job(request, seeds), new RecordingProgress(), CancellationToken.None).GetAwaiter().GetResult();

    [Fact]
    public void Same_request_and_seed_give_identical_pcm_and_other_seeds_differ()
    {
        var request = EngineTestData.Instrumental(10);
        var a = Generate(request, 11).Variations[0].Audio;
        var b = Generate(request, 11).Variations[0].Audio;
        var c = Generate(request, 12).Variations[0].Audio;
        Assert.Equal(a.Channels[0], b.Channels[0]);
        Assert.Equal(a.Channels[1], b.Channels[1]);
        Assert.NotEqual(a.Channels[0], c.Channels[0]);
    }

    [Fact]
    public void A_batch_gives_distinct_variations_of_the_same_resolved_song()
    {
        var result = Generate(EngineTestData.Instrumental(10), VariationSeeds.For(5, 3).ToArray());
        Assert.Equal(3, result.Variations.Count);
        Assert.Equal(3, result.Variations.Select(v => v.Seed).Distinct().Count());
        for (var i = 1; i < 3; i++)
        {
            Assert.NotEqual(result.Variations[0].Audio.Channels[0], result.Variations[i].Audio.Channels[0]);
            Assert.Equal(result.Variations[0].Audio.Frames, result.Variations[i].Audio.Frames);
        }
    }

    [Fact]
    public void Song_is_stereo_48k_of_the_requested_length_mastered_to_minus_14_lufs()
    {
        var result = Generate(EngineTestData.Instrumental(12.3), 3);
        var audio = result.Variations[0].Audio;
        Assert.Equal(48_000, audio.SampleRate);
        Assert.Equal(2, audio.ChannelCount);
        Assert.Equal(12.3, audio.DurationSeconds, 0.010);
        Assert.Equal(audio.DurationSeconds, result.Resolved.DurationSeconds, 1e-9);
        Assert.Equal(-14, LoudnessMeter.IntegratedLoudness(audio.Channels, 48_000), 0.5);
        Assert.True(TruePeakMeter.ToDb(TruePeakMeter.Measure(audio.Channels)) <= -1.0);
    }

    [Fact]
    public async Task Vocals_give_timed_lyric_lines_and_a_vocal_stem()
    {
        var request = new GenerationRequest { Task = MusicTask.Text2Music, Caption = "pop, male vocals", Lyrics = EngineTestData.Lyrics, DurationSeconds = 30 };
        var render = (await Engine.GenerateAsync(EngineTestData.Job(request with { Stems = true }, 2), new RecordingProgress(), CancellationToken.None)).Variations[0];
        var lines = render.Lyrics;
        Assert.Equal(4, lines.Count);
        Assert.True(lines.Zip(lines.Skip(1)).All(p => p.First.StartSeconds < p.Second.StartSeconds));
        Assert.True(lines.All(l => l.EndSeconds > l.StartSeconds), "every line ends after it starts");
        Assert.True(lines.Zip(lines.Skip(1)).All(p => p.First.EndSeconds <= p.Second.StartSeconds + 0.05), "a line ends before the next starts");
        var vocal = render.Stems!["vocals"].Channels[0];
        var start = (int)(lines[0].StartSeconds * 48_000);
        Assert.True(vocal.Take(Math.Max(0, start - 4_800)).All(x => Math.Abs(x) < 1e-3), "voice before the first line");
        Assert.True(vocal.Skip(start).Take(24_000).Max(Math.Abs) > 0.01, "no voice at the first line");
    }

    [Fact]
    public void Score_is_what_the_render_plays_and_lyric_times_lead_each_line_by_its_consonant()
    {
        var request = new GenerationRequest { Task = MusicTask.Text2Music, Caption = "pop, male vocals", Lyrics = EngineTestData.Lyrics, DurationSeconds = 30 };
        var job = EngineTestData.Job(request, 2);
        var score = Engine.Score(job);
        var rendered = Generate(request, 2).Variations[0].Lyrics;
        Assert.Equal(rendered, score.Lines);
        Assert.NotNull(score.Arrangement);
        Assert.NotEmpty(score.Arrangement.Drums);
        foreach (var line in score.Lines)
        {
            // The line's first note is the first vowel at or after its lyric time; its consonant lead-in is at most
            // 60 ms, so the lyric time is no later than that vowel and no more than 60 ms earlier.
            var vowel = score.Vocals.Where(n => n.StartSeconds >= line.StartSeconds - 1e-9).Min(n => n.StartSeconds);
            Assert.InRange(vowel - line.StartSeconds, 0, 0.06 + 1e-9);
        }
        Assert.Contains(score.Lines, l => score.Vocals.Min(n => Math.Abs(n.StartSeconds - l.StartSeconds)) > 0.01);
    }

    [Fact]
    public async Task Instrumental_jobs_have_a_silent_vocal_stem()
    {
        var render = (await Engine.GenerateAsync(EngineTestData.Job(EngineTestData.Instrumental(10) with { Stems = true }, 4), new RecordingProgress(), CancellationToken.None)).Variations[0];
        Assert.All(render.Stems!["vocals"].Channels[0], x => Assert.Equal(0f, x));
        Assert.True(render.Stems["drums"].Channels[0].Max(Math.Abs) > 0.01);
        Assert.Empty(render.Lyrics);
    }

    [Theory]
    [InlineData(90, 8.0)]
    [InlineData(133, 5.0)]
    [InlineData(128, 20.0)]
    public void A_loop_is_exactly_its_whole_bars(int bpm, double seconds)
    {
        var request = new GenerationRequest { Task = MusicTask.Text2Samples, Caption = "house loop", Bpm = bpm, DurationSeconds = seconds, SampleType = SampleType.Loop };
        var result = Generate(request, 9);
        var bars = result.Resolved.Bars!.Value;
        Assert.Equal(Math.Max(1, (int)Math.Round(seconds / (4 * 60.0 / bpm))), bars);
        Assert.Equal((long)Math.Round(bars * 4 * 60.0 / bpm * 48_000), result.Variations[0].Audio.Frames);
    }

    [Fact]
    public void A_one_shot_decays_to_silence_at_its_end()
    {
        var request = new GenerationRequest { Task = MusicTask.Text2Samples, Caption = "piano stab", SampleType = SampleType.OneShot };
        var audio = Generate(request, 1).Variations[0].Audio;
        Assert.Equal(RequestLimits.DefaultOneShotSeconds, audio.DurationSeconds, 0.001);
        Assert.True(Math.Abs(audio.Channels[0][^1]) < 1e-3);
        Assert.Null(Generate(request, 1).Resolved.Bars);
    }

    [Fact]
    public async Task Lyric2vocals_renders_a_dry_voice_only()
    {
        var request = new GenerationRequest { Task = MusicTask.Lyric2Vocals, Lyrics = EngineTestData.Lyrics, DurationSeconds = 20 };
        var render = (await Engine.GenerateAsync(EngineTestData.Job(request with { Stems = true }, 6), new RecordingProgress(), CancellationToken.None)).Variations[0];
        foreach (var stem in new[] { "drums", "bass", "other" })
        {
            Assert.All(render.Stems![stem].Channels[0], x => Assert.Equal(0f, x));
        }
        Assert.NotEmpty(render.Lyrics);
    }

    [Fact]
    public async Task Progress_is_monotonic_and_reaches_one()
    {
        var progress = new RecordingProgress();
        await Engine.GenerateAsync(EngineTestData.Job(EngineTestData.Instrumental(10), 1, 2), progress, CancellationToken.None);
        Assert.True(progress.Reports.Count > 5);
        Assert.True(progress.Reports.Zip(progress.Reports.Skip(1)).All(p => p.Second.Fraction >= p.First.Fraction));
        Assert.Equal(1.0, progress.Reports[^1].Fraction, 1e-9);
        Assert.Contains(progress.Reports, r => r.Stage == "mastering");
    }

    [Fact]
    public async Task Cancellation_stops_a_long_render_within_a_second()
    {
        using var cts = new CancellationTokenSource();
        var progress = new CancelOnFirstRender(cts);
        var request = EngineTestData.Instrumental(600);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Engine.GenerateAsync(EngineTestData.Job(request, 1), progress, cts.Token));
        Assert.NotNull(progress.CancelledAt);
        Assert.True(clock.Elapsed - progress.CancelledAt!.Value < TimeSpan.FromSeconds(1), $"took {clock.Elapsed - progress.CancelledAt}");
    }

    private sealed class CancelOnFirstRender(CancellationTokenSource source) : IProgress<EngineProgress>
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

        public TimeSpan? CancelledAt { get; private set; }

        public void Report(EngineProgress value)
        {
            if (value.Stage == "rendering" && CancelledAt is null)
            {
                CancelledAt = _clock.Elapsed;
                source.Cancel();
            }
        }
    }
}
