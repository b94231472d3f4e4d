namespace AudioMusic.Domain;

/// <summary>A simple-mode plan: everything a musician would decide from one sentence. The planner writes it;
/// <see cref="ToRequest"/> turns it into the request that is generated.</summary>
[GenerateSerializer, Immutable]
public sealed record SongPlan
{
    /// <summary>text2music, text2rap or prompt2instrumental.</summary>
    [Id(0)] public required MusicTask Task { get; init; }
    [Id(1)] public required string Caption { get; init; }
    [Id(2)] public string? Lyrics { get; init; }
    [Id(3)] public bool Instrumental { get; init; }
    [Id(4)] public required int Bpm { get; init; }
    [Id(5)] public required KeyScale Key { get; init; }
    [Id(6)] public required TimeSignature TimeSignature { get; init; }
    [Id(7)] public required double DurationSeconds { get; init; }
    [Id(8)] public required string VocalLanguage { get; init; }
    [Id(9)] public string? GenrePreset { get; init; }
    /// <summary>The planner's decisions in plain words ("no lyric model for 'ja': lyrics written in English").</summary>
    [Id(10)] public IReadOnlyList<string> Notes { get; init; } = [];
    /// <summary>Name of the planner that wrote the plan (for comparing planners).</summary>
    [Id(11)] public required string Planner { get; init; }

    /// <summary>The request to generate: the plan's choices plus the base parameters of the simple request.</summary>
    public GenerationRequest ToRequest(GenerationRequest simple) => simple with
    {
        Task = Task,
        Caption = Caption,
        Lyrics = Instrumental ? null : Lyrics,
        Instrumental = Instrumental,
        GenrePreset = GenrePreset,
        Bpm = Bpm,
        Key = Key,
        TimeSignature = TimeSignature,
        DurationSeconds = DurationSeconds,
        VocalLanguage = VocalLanguage,
        Query = null,
    };
}
