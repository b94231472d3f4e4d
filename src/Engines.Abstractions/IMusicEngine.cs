using AudioMusic.Audio;
using AudioMusic.Domain;

namespace AudioMusic.Engines;

/// <summary>A music generator. Implementations are thread-safe for <see cref="EstimateMemoryBytes"/> and
/// <see cref="CheckRequest"/>; <see cref="GenerateAsync"/> is called by one device at a time, never concurrently
/// on the same device.</summary>
public interface IMusicEngine
{
    /// <summary>The value clients pass as <c>model</c>, e.g. "builtin" or "acestep-v15-turbo".</summary>
    string Name { get; }

    EngineCapabilities Capabilities { get; }

    /// <summary>Whether the engine can run on this node at all (weights present, native libraries load).</summary>
    EngineAvailability Availability { get; }

    /// <summary>Bytes of device memory a job needs while it runs, resident weights included.</summary>
    long EstimateMemoryBytes(GenerationRequest request, DeviceDescriptor device);

    /// <summary>Engine-specific checks beyond the API's (e.g. duration above the engine's maximum); null when fine.</summary>
    FieldError? CheckRequest(GenerationRequest request);

    /// <summary>Generates one variation per seed. Reports progress often (at least once a second of work) and
    /// honours <paramref name="cancellationToken"/> within a second by throwing <see cref="OperationCanceledException"/>.</summary>
    Task<EngineResult> GenerateAsync(EngineJob job, IProgress<EngineProgress> progress, CancellationToken cancellationToken);
}

/// <param name="Stems">Whether the engine can also deliver each variation's stems (<see cref="EngineVariation.Stems"/>).</param>
public sealed record EngineCapabilities(
    IReadOnlySet<MusicTask> Tasks,
    double MaxDurationSeconds,
    int MaxBatchSize,
    string Description,
    bool Stems = false);

public sealed record EngineAvailability(bool IsAvailable, string? Reason)
{
    public static EngineAvailability Available { get; } = new(true, null);

    public static EngineAvailability Unavailable(string reason) => new(false, reason);
}

/// <summary>A compute device an engine runs on.</summary>
public sealed record DeviceDescriptor(string Id, DeviceKind Kind, int Index, long MemoryBytes, string Description);

public enum DeviceKind
{
    Cpu,
    Cuda,
}

/// <summary>One job as an engine sees it: the request and one seed per variation (already resolved, never -1).</summary>
public sealed record EngineJob(string JobId, GenerationRequest Request, IReadOnlyList<int> Seeds, DeviceDescriptor Device);

/// <summary>Progress of the whole job: <paramref name="Fraction"/> from 0 to 1 and a short stage name.</summary>
public readonly record struct EngineProgress(double Fraction, string Stage);

public sealed record EngineResult(ResolvedParameters Resolved, IReadOnlyList<EngineVariation> Variations);

/// <summary>One generated variation: 48 kHz stereo PCM, the seed that made it and its timed lyric lines; with a
/// stems request, also its stems by name ("vocals", "drums", "bass", "other"), each as long as the audio.</summary>
public sealed record EngineVariation(int Seed, AudioBuffer Audio, IReadOnlyList<LyricLine> Lyrics, IReadOnlyDictionary<string, AudioBuffer>? Stems = null);
