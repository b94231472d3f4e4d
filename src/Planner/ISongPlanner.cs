using AudioMusic.Domain;

namespace AudioMusic.Planner;

/// <summary>Decides a whole song from a simple-mode request. Implementations must be deterministic in
/// (request, seed) and safe to call from many threads, so a stateless grain can share one instance.</summary>
public interface ISongPlanner
{
    /// <summary>Written into <see cref="SongPlan.Planner"/> so plans from different planners can be compared.</summary>
    string Name { get; }

    /// <summary>Plans a song. <paramref name="simpleRequest"/> has Task == Simple; <paramref name="seed"/> is at least 0.</summary>
    SongPlan Plan(GenerationRequest simpleRequest, int seed);
}
