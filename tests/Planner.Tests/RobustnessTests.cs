using AudioMusic.Domain;

namespace AudioMusic.Planner.Tests;

public sealed class RobustnessTests
{
    public static TheoryData<string> OddQueries => new()
    {
        "a",
        "?",
        "🎵",
        "🎸🔥😢💔❤️🌊",
        "!!!???...,,,;;;---***((()))[[[]]]{{{}}}",
        "[verse] [chorus] ] [ ]]",
        "SAD ROCK SONG ABOUT LOSING MY JOB!!!",
        "ThIs Is A wEiRd CaPs PoP sOnG",
        "metal at 999 bpm",
        "jazz at 0 bpm",
        "a 0 second song",
        "a 9999 minute epic",
        "in 7/8 time",
        "in 12/8 blues",
        "\t\n tab and newline \u0001 control \u0007 characters",
        "rap 1 2 3 4 5 6 7 8 9 10",
        "lyrics: [verse] hello [chorus] world",
        "a song about Constantinople, Mississippi, Massachusetts and Saskatchewan",
        "中文流行歌曲",
        "أغنية حب",
        "   padded query   ",
        string.Concat(Enumerable.Repeat("rock ", 200))[..1000],
        string.Concat(Enumerable.Repeat("🎸", 500)),
        string.Concat(Enumerable.Repeat("supercalifragilisticexpialidocious ", 30))[..1000],
    };

    [Theory]
    [MemberData(nameof(OddQueries))]
    public void Odd_queries_still_give_a_complete_valid_plan(string query)
    {
        var simple = PlanAssertions.Simple(query);
        foreach (var seed in new[] { 0, 7, int.MaxValue })
        {
            var plan = PlanAssertions.Planner.Plan(simple, seed);
            PlanAssertions.AssertValidates(plan, simple);
            Assert.DoesNotContain(plan.Caption, c => char.IsControl(c));
            if (plan.Lyrics is { } lyrics)
            {
                Assert.True(LyricsDocument.Parse(lyrics).HasSungText);
                Assert.True(lyrics.Length <= RequestLimits.LyricsMaxLength);
            }
        }
    }

    [Fact]
    public void An_out_of_range_tempo_is_clamped_and_noted()
    {
        var plan = PlanAssertions.Plan("metal at 999 bpm");
        Assert.Equal(RequestLimits.MaxBpm, plan.Bpm);
        Assert.Contains(plan.Notes, n => n.Contains("clamped to 300", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unsupported_meter_is_noted_and_replaced()
    {
        var plan = PlanAssertions.Plan("a folk song in 7/8");
        Assert.Contains(plan.TimeSignature, TimeSignature.All);
        Assert.Contains(plan.Notes, n => n.Contains("7/8 is not supported", StringComparison.Ordinal));
        Assert.Equal(TimeSignature.SixEight, PlanAssertions.Plan("blues in 12/8").TimeSignature);
    }

    [Fact]
    public void A_negative_seed_is_treated_as_zero()
    {
        var simple = PlanAssertions.Simple("pop song");
        Assert.Equal(PlanAssertions.Planner.Plan(simple, 0).Lyrics, PlanAssertions.Planner.Plan(simple, -5).Lyrics);
    }
}
