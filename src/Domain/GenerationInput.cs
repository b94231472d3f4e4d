namespace AudioMusic.Domain;

/// <summary>The fields of a generation request as the client sent them, after JSON typing but before any
/// range or vocabulary check. Null means "not sent". Wire names are the snake_case property names.</summary>
public sealed record GenerationInput
{
    public string? Caption { get; init; }
    public string? Prompt { get; init; }
    public string? Lyrics { get; init; }
    public bool? Instrumental { get; init; }
    public string? GenrePreset { get; init; }
    public string? DisplayName { get; init; }
    public double? Duration { get; init; }
    public int? Bpm { get; init; }
    public int? Tempo { get; init; }
    public string? KeyScale { get; init; }
    public string? TimeSignature { get; init; }
    public string? VocalLanguage { get; init; }
    public long? Seed { get; init; }
    public int? BatchSize { get; init; }
    public string? Format { get; init; }
    public string? Model { get; init; }
    public int? InferenceSteps { get; init; }
    public double? GuidanceScale { get; init; }
    public double? Shift { get; init; }
    public string? SampleType { get; init; }
    public string? Query { get; init; }
    public bool? Stems { get; init; }
}
