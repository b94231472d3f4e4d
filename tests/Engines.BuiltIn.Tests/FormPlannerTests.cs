using AudioMusic.Domain;
using AudioMusic.Engines.BuiltIn.Composition;

namespace AudioMusic.Engines.BuiltIn.Tests;

public sealed class FormPlannerTests
{
    private static int Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length * 2;

    [Theory]
    [InlineData(120, 4, 4, 10.0)]
    [InlineData(97, 3, 4, 33.3)]
    [InlineData(140, 6, 8, 61.7)]
    [InlineData(75, 2, 4, 187.25)]
    [InlineData(30, 4, 4, 10.0)]
    public void Sections_are_whole_bars_and_the_song_lasts_the_requested_duration(int bpm, int beats, int unit, double seconds)
    {
        var timing = new SongTiming(bpm, new TimeSignature(beats, unit), 48_000);
        var lyrics = LyricsDocument.Parse(EngineTestData.Lyrics);
        foreach (var doc in new LyricsDocument?[] { lyrics, null })
        {
            var form = new FormPlanner(timing, Words).Plan(doc, GenreStyles.For(Caption.Genre.Pop).InstrumentalForm, seconds);
            Assert.Equal(seconds, form.DurationSeconds, 0.010);
            Assert.Equal(form.TotalBars, form.Sections.Sum(s => s.Bars));
            var next = 0;
            foreach (var section in form.Sections)
            {
                Assert.Equal(next, section.StartBar);
                Assert.True(section.Bars >= 1);
                next = section.EndBar;
            }
            // The last bar (the cadence) starts early enough to ring, and no bar runs past the end.
            Assert.True(form.TotalBars * timing.BarSeconds <= seconds + 1e-9);
        }
    }

    [Fact]
    public void Lyric_sections_follow_the_tags_between_an_intro_and_an_outro()
    {
        var timing = new SongTiming(100, TimeSignature.FourFour, 48_000);
        var form = new FormPlanner(timing, Words).Plan(LyricsDocument.Parse(EngineTestData.Lyrics), [], null);
        Assert.Equal([SectionKind.Intro, SectionKind.Verse, SectionKind.Chorus, SectionKind.Outro], form.Sections.Select(s => s.Kind));
        Assert.Equal(4, form.Sections.Sum(s => s.Lines.Count));
        Assert.InRange(form.DurationSeconds, RequestLimits.MinDurationSeconds, RequestLimits.MaxDurationSeconds);
    }

    [Fact]
    public void A_loop_is_whole_bars_with_a_sample_exact_length()
    {
        var timing = new SongTiming(133, TimeSignature.FourFour, 48_000);
        var loop = FormPlanner.PlanLoop(timing, 8);
        Assert.Equal(4, loop.TotalBars);
        Assert.Equal((long)Math.Round(4 * 4 * 60.0 / 133 * 48_000), loop.TotalFrames);
    }
}
