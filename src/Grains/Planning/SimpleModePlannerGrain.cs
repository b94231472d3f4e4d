using AudioMusic.Domain;
using AudioMusic.Planner;
using Orleans.Concurrency;

namespace AudioMusic.Grains.Planning;

/// <summary>Plans simple-mode songs. Stateless and CPU-light, so every silo runs as many as it is asked for; a
/// neural planner replaces the rule-based one by registering another <see cref="ISongPlanner"/>.</summary>
[StatelessWorker]
public sealed class SimpleModePlannerGrain : Grain, ISimpleModePlannerGrain
{
    private readonly ISongPlanner _planner;

    public SimpleModePlannerGrain(ISongPlanner planner) => _planner = planner;

    public Task<SongPlan> Plan(GenerationRequest simpleRequest, int seed)
    {
        if (simpleRequest.Task != MusicTask.Simple)
        {
            throw new ArgumentException("Only simple-mode requests are planned.", nameof(simpleRequest));
        }
        return Task.FromResult(_planner.Plan(simpleRequest, seed));
    }
}
