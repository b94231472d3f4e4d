namespace AudioMusic.Domain;

/// <summary>What a job actually used: the request with every automatic value decided (tempo, key, meter,
/// duration, seeds, engine). Shown to clients so a result can be reproduced exactly.</summary>
[GenerateSerializer, Immutable]
public sealed record ResolvedParameters
{
    [Id(0)] public required MusicTask Task { get; init; }
    [Id(1)] public required string Caption { get; init; }
    [Id(2)] public string? Lyrics { get; init; }
    [Id(3)] public bool Instrumental { get; init; }
    [Id(4)] public string? GenrePreset { get; init; }
    [Id(5)] public required int Bpm { get; init; }
    [Id(6)] public required KeyScale Key { get; init; }
    [Id(7)] public required TimeSignature TimeSignature { get; init; }
    [Id(8)] public required double DurationSeconds { get; init; }
    [Id(9)] public required string VocalLanguage { get; init; }
    [Id(10)] public required IReadOnlyList<int> Seeds { get; init; }
    [Id(11)] public required AudioFormat Format { get; init; }
    [Id(12)] public required string Model { get; init; }
    [Id(13)] public SampleType? SampleType { get; init; }
    [Id(14)] public int? InferenceSteps { get; init; }
    [Id(15)] public double? GuidanceScale { get; init; }
    [Id(16)] public double? Shift { get; init; }
    /// <summary>Bars of music (loops are exactly this many bars long).</summary>
    [Id(17)] public int? Bars { get; init; }
}

/// <summary>A sung line: the moment its first syllable starts (what LRC keeps) and, where the engine knows it, the
/// moment its last syllable ends.</summary>
[GenerateSerializer, Immutable]
public sealed record LyricLine([property: Id(0)] double StartSeconds, [property: Id(1)] string Text, [property: Id(2)] double? EndSeconds = null);

public static class Lrc
{
    /// <summary>Formats lines as LRC: "[mm:ss.xx]text".</summary>
    public static string Format(IEnumerable<LyricLine> lines) =>
        string.Join("\n", lines.Select(l =>
        {
            var centis = (long)Math.Round(l.StartSeconds * 100, MidpointRounding.AwayFromZero);
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{centis / 6000:00}:{centis / 100 % 60:00}.{centis % 100:00}]{l.Text}");
        }));
}
