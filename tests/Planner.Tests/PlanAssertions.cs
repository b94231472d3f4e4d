using AudioMusic.Domain;
using AudioMusic.Planner;

namespace AudioMusic.Planner.Tests;

internal static class PlanAssertions
{
    public static readonly RuleBasedSongPlanner Planner = new();

    public static GenerationRequest Simple(string query) => new() { Task = MusicTask.Simple, Query = query };

    public static SongPlan Plan(string query, int seed = 0) => Planner.Plan(Simple(query), seed);

    /// <summary>The contract every plan must keep: it turns into a request the validator accepts.</summary>
    public static void AssertValidates(SongPlan plan, GenerationRequest simple)
    {
        var request = plan.ToRequest(simple);
        var errors = GenerationRequestValidator.Validate(request);
        Assert.True(errors.Count == 0, $"plan for '{simple.Query}' does not validate: {string.Join("; ", errors.Select(e => e.Field + ": " + e.Message))}");
        Assert.Equal("rules-v1", plan.Planner);
        Assert.False(string.IsNullOrWhiteSpace(plan.Caption));
        Assert.Equal(plan.Instrumental, plan.Lyrics is null);
        Assert.Equal(plan.Instrumental, plan.Task == MusicTask.Prompt2Instrumental);
    }
}
