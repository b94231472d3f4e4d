namespace AudioMusic.Domain;

/// <summary>A validated, normalised generation request: what a client asked for, before an engine resolves
/// the automatic values (null bpm/key/meter/duration). Built only by <see cref="GenerationRequestParser"/>
/// or by the simple-mode planner, and checked by <see cref="GenerationRequestValidator"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record GenerationRequest
{
    [Id(0)] public required MusicTask Task { get; init; }
    [Id(1)] public string Caption { get; init; } = "";
    [Id(2)] public string? Lyrics { get; init; }
    [Id(3)] public bool Instrumental { get; init; }
    [Id(4)] public string? GenrePreset { get; init; }
    [Id(5)] public string? DisplayName { get; init; }
    /// <summary>Seconds; null means the engine chooses.</summary>
    [Id(6)] public double? DurationSeconds { get; init; }
    [Id(7)] public int? Bpm { get; init; }
    [Id(8)] public KeyScale? Key { get; init; }
    [Id(9)] public TimeSignature? TimeSignature { get; init; }
    /// <summary>ISO 639-1 code or "unknown".</summary>
    [Id(10)] public string VocalLanguage { get; init; } = "unknown";
    /// <summary>-1 asks the service to pick one; the job records the seed it picked.</summary>
    [Id(11)] public int Seed { get; init; } = -1;
    [Id(12)] public int BatchSize { get; init; } = 1;
    [Id(13)] public AudioFormat Format { get; init; } = AudioFormat.Flac;
    /// <summary>Engine name; null selects the default engine of the cluster.</summary>
    [Id(14)] public string? Model { get; init; }
    [Id(15)] public int? InferenceSteps { get; init; }
    [Id(16)] public double? GuidanceScale { get; init; }
    [Id(17)] public double? Shift { get; init; }
    [Id(18)] public SampleType? SampleType { get; init; }
    /// <summary>The natural-language query of a simple-mode request.</summary>
    [Id(19)] public string? Query { get; init; }
    /// <summary>Also keep each variation's stems (vocals, drums, bass, other); only engines that can are offered.</summary>
    [Id(20)] public bool Stems { get; init; }

    /// <summary>Lyrics that will actually be sung: none for instrumental requests.</summary>
    public string? EffectiveLyrics => Instrumental ? null : Lyrics;
}

/// <summary>One invalid field, named as the client spelled it on the wire (snake_case).</summary>
[GenerateSerializer, Immutable]
public sealed record FieldError([property: Id(0)] string Field, [property: Id(1)] string Message);
