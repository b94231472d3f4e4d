using AudioMusic.Domain;

namespace AudioMusic.Planner.Tests;

public sealed class RequestPrecedenceTests
{
    [Fact]
    public void Request_fields_win_over_the_query()
    {
        var simple = PlanAssertions.Simple("a rock song at 150 bpm in E minor in 3/4, 3 minutes") with
        {
            Bpm = 90,
            Key = KeyScale.Parse("C major"),
            TimeSignature = TimeSignature.FourFour,
            DurationSeconds = 45,
        };
        var plan = PlanAssertions.Planner.Plan(simple, 3);
        Assert.Equal((90, KeyScale.Parse("C major"), TimeSignature.FourFour, 45.0), (plan.Bpm, plan.Key, plan.TimeSignature, plan.DurationSeconds));
        PlanAssertions.AssertValidates(plan, simple);
    }

    [Fact]
    public void The_instrumental_flag_makes_an_instrumental_plan_without_lyrics()
    {
        var simple = PlanAssertions.Simple("a love song about Paris") with { Instrumental = true };
        var plan = PlanAssertions.Planner.Plan(simple, 1);
        Assert.Equal(MusicTask.Prompt2Instrumental, plan.Task);
        Assert.True(plan.Instrumental);
        Assert.Null(plan.Lyrics);
        Assert.Contains("instrumental", plan.Caption, StringComparison.Ordinal);
        Assert.Contains(plan.Notes, n => n.StartsWith("instrumental form", StringComparison.Ordinal));
        PlanAssertions.AssertValidates(plan, simple);
    }

    [Fact]
    public void A_requested_preset_sets_the_genre_when_the_query_names_none()
    {
        var simple = PlanAssertions.Simple("a song about my hometown") with { GenrePreset = "Reggae" };
        var plan = PlanAssertions.Planner.Plan(simple, 2);
        Assert.Equal("reggae", plan.GenrePreset);
        Assert.InRange(plan.Bpm, 70, 90);
        Assert.StartsWith("reggae", plan.Caption, StringComparison.Ordinal);
    }

    [Fact]
    public void A_requested_vocal_language_wins_over_detection()
    {
        var simple = PlanAssertions.Simple("a song about the night") with { VocalLanguage = "fr" };
        var plan = PlanAssertions.Planner.Plan(simple, 4);
        Assert.Equal("fr", plan.VocalLanguage);
        Assert.Contains("la nuit", plan.Lyrics!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_language_without_a_lyric_model_keeps_its_code_and_says_so()
    {
        var simple = PlanAssertions.Simple("a pop song about summer") with { VocalLanguage = "ko" };
        var plan = PlanAssertions.Planner.Plan(simple, 4);
        Assert.Equal("ko", plan.VocalLanguage);
        Assert.Contains(plan.Notes, n => n.Contains("no lyric model for 'ko'", StringComparison.Ordinal));
        Assert.Contains("summer", plan.Lyrics!, StringComparison.OrdinalIgnoreCase);
        PlanAssertions.AssertValidates(plan, simple);
    }
}
