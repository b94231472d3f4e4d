using AudioMusic.Domain;

namespace AudioMusic.Planner.Knowledge;

/// <summary>What the planner knows about one genre or sub-genre: the words that name it, its caption tag, the
/// Domain preset it belongs to, and the tempo, mode, meter and length a musician would reach for.</summary>
/// <param name="Modes">Preferred first: the first mode is chosen unless the mood says otherwise.</param>
/// <param name="Meters">Preferred first: the first meter is chosen about four times in five.</param>
/// <param name="TypicalTonics">Pitch classes idiomatic for the genre's instruments (open-string keys for guitar music).</param>
internal sealed record GenreProfile(
    string Id,
    string Tag,
    string PresetSlug,
    IReadOnlyList<string> Aliases,
    int MinBpm,
    int MaxBpm,
    IReadOnlyList<Mode> Modes,
    IReadOnlyList<TimeSignature> Meters,
    double TypicalDurationSeconds,
    IReadOnlyList<string> Instruments,
    IReadOnlyList<int> TypicalTonics)
{
    /// <summary>Ambient, classical, cinematic and lo-fi pieces are instrumental unless the query asks for a voice.</summary>
    public bool LeansInstrumental { get; init; }

    /// <summary>Rap genres plan rap verses (text2rap) unless the query is instrumental.</summary>
    public bool IsRap { get; init; }
}
