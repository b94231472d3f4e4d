namespace AudioMusic.Contracts;

// Wire shapes of the API. Properties are PascalCase here and snake_case on the wire (see ApiJson).

public sealed record JobEnvelope(JobDto Job, string Message);

public sealed record JobDto(
    string Id,
    string Task,
    string Status,
    double Progress,
    string Stage,
    int? QueuePosition,
    double? EtaSeconds,
    string? DisplayName,
    RequestDto Parameters,
    ResolvedDto? Resolved,
    PlanDto? Plan,
    string? OutputUrl,
    IReadOnlyDictionary<string, string> OutputUrls,
    double? AudioDuration,
    IReadOnlyList<int> ActualSeeds,
    string? LrcContent,
    IReadOnlyList<OutputDto> Outputs,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? ErrorMessage,
    int Attempt,
    DateTimeOffset? AudioExpiredAt,
    string? AudioExpiredReason);

/// <summary>One variation: its stored encodings (any other format is made on request from the audio URL with
/// <c>format</c>), its waveform and lyrics routes, and what it measures like.</summary>
public sealed record OutputDto(int Index, int Seed, double Duration, int SampleRate, int Channels, IReadOnlyDictionary<string, string> Urls, string? LrcContent,
    string WaveformUrl, string? LyricsUrl, AnalysisDto? Analysis, IReadOnlyDictionary<string, string>? Stems);

/// <summary>Measured from the rendered audio; null fields where the audio has too little to tell (see docs/api.md).</summary>
public sealed record AnalysisDto(double? IntegratedLufs, double? TruePeakDbtp, double Duration, double? TempoBpm, string? Key, double? KeyConfidence);

/// <summary>The validated request, in the same field names a client sends.</summary>
public sealed record RequestDto(
    string Task,
    string Caption,
    string? Lyrics,
    bool Instrumental,
    string? GenrePreset,
    string? DisplayName,
    double Duration,
    int? Bpm,
    string? Keyscale,
    string? Timesignature,
    string VocalLanguage,
    int Seed,
    int BatchSize,
    string Format,
    string? Model,
    int? InferenceSteps,
    double? GuidanceScale,
    double? Shift,
    string? SampleType,
    string? Query,
    bool Stems);

/// <summary>What was actually used; everything needed to reproduce the result.</summary>
public sealed record ResolvedDto(
    string Task,
    string Caption,
    string? Lyrics,
    bool Instrumental,
    string? GenrePreset,
    int Bpm,
    string Keyscale,
    string Timesignature,
    double Duration,
    string VocalLanguage,
    IReadOnlyList<int> Seeds,
    string Format,
    string Model,
    string? SampleType,
    int? Bars,
    int? InferenceSteps,
    double? GuidanceScale,
    double? Shift);

public sealed record PlanDto(
    string Task,
    string Caption,
    string? Lyrics,
    bool Instrumental,
    int Bpm,
    string Keyscale,
    string Timesignature,
    double Duration,
    string VocalLanguage,
    string? GenrePreset,
    IReadOnlyList<string> Notes,
    string Planner);

public sealed record JobListDto(IReadOnlyList<JobDto> Jobs, string? NextCursor);

public sealed record JobCountsDto(long Total, IReadOnlyDictionary<string, long> ByStatus);

public sealed record PresetDto(string Name, string Slug, string Caption, IReadOnlyList<string> Tags, int MinBpm, int MaxBpm, int DefaultBpm,
    IReadOnlyList<string> Modes, IReadOnlyList<string> Timesignatures, double DefaultDuration);

public sealed record RenameBody(string? DisplayName);

/// <summary>The data of one server-sent event: the event's own fields as of when it happened, and the job as it is
/// when the event is sent (null after job.deleted).</summary>
public sealed record JobEventDto(long Sequence, string Type, DateTimeOffset At, string Status, double Progress, string Stage, int Attempt,
    string? Device, int? QueuePosition, string? Reason, JobDto? Job);

/// <summary>The data of one event of the all-jobs stream: which job, and the event's own fields (no job object: a
/// dashboard reads the job when it needs more).</summary>
public sealed record FeedEventDto(long Sequence, string JobId, string Type, DateTimeOffset At, string Status, double Progress, string Stage, int Attempt,
    string? Device, int? QueuePosition, string? Reason);
