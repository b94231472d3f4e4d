using AudioMusic.Planner.Knowledge;

namespace AudioMusic.Planner.Query;

/// <summary>Everything the planner read from the query, before any decision is made.</summary>
internal sealed record QueryAnalysis
{
    public required QueryText Text { get; init; }
    /// <summary>In order of mention; <see cref="PrimaryGenre"/> is the head of the genre phrase.</summary>
    public required IReadOnlyList<GenreProfile> Genres { get; init; }
    public GenreProfile? PrimaryGenre { get; init; }
    public required IReadOnlyList<MoodEntry> Moods { get; init; }
    public required IReadOnlyList<EnergyEntry> EnergyWords { get; init; }
    public required IReadOnlyList<string> Instruments { get; init; }
    public VocalGender? VocalGender { get; init; }
    public required IReadOnlyList<string> VocalStyles { get; init; }
    public bool AsksForVoice { get; init; }
    public bool AsksForRap { get; init; }
    public bool AsksForSinging { get; init; }
    /// <summary>"beat" / "beats" without any word asking for a voice: a producer's instrumental.</summary>
    public bool SoundsLikeABeat { get; init; }
    public required IReadOnlyList<string> Eras { get; init; }
    public required IReadOnlyList<Theme> Themes { get; init; }
    /// <summary>The subject as a singable noun phrase in the query's own language ("my dog"), if one was found.</summary>
    public string? TopicPhrase { get; init; }
    /// <summary>True when the topic phrase is a name ("Paris"), which reads the same in any language.</summary>
    public bool TopicIsName { get; init; }
    /// <summary>The language the query is written in, or null when the text gives no evidence.</summary>
    public string? QueryLanguage { get; init; }
    public required ExplicitValues Explicit { get; init; }

    /// <summary>Mean valence of the mood words, or null without any.</summary>
    public double? Valence => Moods.Count == 0 ? null : Moods.Average(m => m.Valence);

    /// <summary>Mean energy of the mood and energy words (energy words count double: "slow" is about tempo).</summary>
    public double? Energy
    {
        get
        {
            var values = Moods.Select(m => m.Energy).Concat(EnergyWords.SelectMany(e => new[] { e.Energy, e.Energy })).ToList();
            return values.Count == 0 ? null : values.Average();
        }
    }
}
