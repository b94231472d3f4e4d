using AudioMusic.Domain;

namespace AudioMusic.Grains;

/// <summary>One derived file of one output (another format, bitrate or sample rate, made from the FLAC master),
/// keyed by the artifact key it is stored under. Calls to one key run one at a time, so any number of concurrent
/// first requests transcode once and the rest find the file stored.</summary>
public interface IRenditionGrain : IGrainWithStringKey
{
    [ResponseTimeout("00:05:00")]
    Task<RenditionOutcome> Ensure(RenditionOrder order);
}

/// <summary>What to make: the master to read, the spec to encode to, and what the file should say about itself.</summary>
[GenerateSerializer, Immutable]
public sealed record RenditionOrder(
    [property: Id(0)] string MasterKey,
    [property: Id(1)] RenditionSpec Spec,
    [property: Id(2)] string? Title,
    [property: Id(3)] int Seed,
    [property: Id(4)] string? Model);

/// <summary>The stored file, or why it cannot be made (the format is unavailable on this cluster, the master is gone).</summary>
[GenerateSerializer, Immutable]
public sealed record RenditionOutcome(
    [property: Id(0)] StoredArtifact? Artifact,
    [property: Id(1)] string? Error);
