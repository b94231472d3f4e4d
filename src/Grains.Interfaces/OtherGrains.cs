using AudioMusic.Domain;

namespace AudioMusic.Grains;

/// <summary>Turns a simple-mode query into a full song plan. A stateless worker: any silo, many at once.</summary>
public interface ISimpleModePlannerGrain : IGrainWithIntegerKey
{
    Task<SongPlan> Plan(GenerationRequest simpleRequest, int seed);
}

/// <summary>Listing and counting jobs through the job index. A stateless worker.</summary>
public interface IJobCatalogGrain : IGrainWithIntegerKey
{
    Task<JobListPage> List(JobListQuery query);

    Task<IReadOnlyDictionary<JobStatus, long>> Counts(string? owner);
}

[GenerateSerializer, Immutable]
public sealed record JobListQuery(
    [property: Id(0)] string? Owner,
    [property: Id(1)] JobStatus? Status,
    [property: Id(2)] MusicTask? Task,
    [property: Id(3)] string? Text,
    [property: Id(4)] string? Cursor,
    [property: Id(5)] int Limit);

[GenerateSerializer, Immutable]
public sealed record JobListPage([property: Id(0)] IReadOnlyList<JobView> Jobs, [property: Id(1)] string? NextCursor);

/// <summary>Remembers, per owner and Idempotency-Key, which job a POST created, so a retried POST returns it.</summary>
public interface IIdempotencyGrain : IGrainWithStringKey
{
    /// <summary>Claims the key for <paramref name="jobId"/>; returns the job already holding it (same request), or a
    /// conflict when the key was used for a different request.</summary>
    Task<IdempotencyClaim> Claim(string requestFingerprint, string jobId);

    /// <summary>Frees a claim whose job was never created (the submit was refused).</summary>
    Task Release(string jobId);
}

[GenerateSerializer, Immutable]
public sealed record IdempotencyClaim([property: Id(0)] string JobId, [property: Id(1)] bool IsNew, [property: Id(2)] bool Conflicts);
