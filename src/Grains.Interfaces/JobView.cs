using AudioMusic.Domain;

namespace AudioMusic.Grains;

/// <summary>Everything a client may see of a job, as the JobGrain holds it.</summary>
[GenerateSerializer, Immutable]
public sealed record JobView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required MusicTask Task { get; init; }
    [Id(2)] public required JobStatus Status { get; init; }
    /// <summary>0–100.</summary>
    [Id(3)] public required double Progress { get; init; }
    [Id(4)] public required string Stage { get; init; }
    /// <summary>Jobs ahead of this one in the queue (0 = next); null unless pending.</summary>
    [Id(5)] public int? QueuePosition { get; init; }
    [Id(6)] public string? DisplayName { get; init; }
    /// <summary>The validated request (for simple mode: the planned request that was generated).</summary>
    [Id(7)] public required GenerationRequest Request { get; init; }
    [Id(8)] public ResolvedParameters? Resolved { get; init; }
    [Id(9)] public SongPlan? Plan { get; init; }
    [Id(10)] public required IReadOnlyList<int> Seeds { get; init; }
    [Id(11)] public IReadOnlyList<JobAudio> Audio { get; init; } = [];
    [Id(12)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(13)] public DateTimeOffset? StartedAt { get; init; }
    [Id(14)] public DateTimeOffset? CompletedAt { get; init; }
    [Id(15)] public string? ErrorMessage { get; init; }
    [Id(16)] public required int Attempt { get; init; }
    [Id(17)] public string? Device { get; init; }
    [Id(18)] public string? Owner { get; init; }
    /// <summary>When retention or the memory limit deleted the job's audio (downloads answer 410 from then on); null
    /// while it is kept.</summary>
    [Id(19)] public DateTimeOffset? AudioExpiredAt { get; init; }
    [Id(20)] public AudioExpiry? AudioExpiredBy { get; init; }
    /// <summary>Estimated seconds until the job completes, while it is pending or processing (see RunEstimates).</summary>
    [Id(21)] public double? EtaSeconds { get; init; }
}

/// <summary>One rendered variation and where each of its encodings is stored.</summary>
[GenerateSerializer, Immutable]
public sealed record JobAudio(
    [property: Id(0)] int Index,
    [property: Id(1)] int Seed,
    [property: Id(2)] double DurationSeconds,
    [property: Id(3)] int SampleRate,
    [property: Id(4)] int Channels,
    [property: Id(5)] IReadOnlyList<StoredArtifact> Files,
    [property: Id(6)] string? LrcContent)
{
    /// <summary>Sung lines with start and end times; empty when nothing is sung (and for jobs stored before lines were
    /// kept, which have only <see cref="LrcContent"/>).</summary>
    [Id(7)] public IReadOnlyList<LyricLine> Lyrics { get; init; } = [];

    /// <summary>Measured from the rendered audio at completion; null for jobs completed before analysis existed.</summary>
    [Id(8)] public OutputAnalysis? Analysis { get; init; }

    /// <summary>The stems' FLAC masters, when the job asked for stems (vocals, drums, bass, other); empty otherwise.</summary>
    [Id(9)] public IReadOnlyList<StemAudio> Stems { get; init; } = [];
}

/// <summary>One stem of a variation and its stored lossless master.</summary>
[GenerateSerializer, Immutable]
public sealed record StemAudio([property: Id(0)] string Name, [property: Id(1)] StoredArtifact Master);

[GenerateSerializer, Immutable]
public sealed record StoredArtifact(
    [property: Id(0)] AudioFormat Format,
    [property: Id(1)] string Key,
    [property: Id(2)] long Length,
    [property: Id(3)] string ContentType);
