using AudioMusic.Domain;
using AudioMusic.Engines.BuiltIn.Caption;

namespace AudioMusic.Engines.BuiltIn.Composition;

public enum DrumFeel
{
    Pop,
    Rock,
    FourOnTheFloor,
    BoomBap,
    Swing,
    Shuffle,
    OneDrop,
    Latin,
    Metal,
    Ambient,
    Orchestral,
    Train,
    Folk,
}

/// <summary>How the harmony instrument plays a bar.</summary>
public enum CompStyle
{
    Block,
    Sustain,
    Strum,
    Arpeggio,
    Offbeat,
    Stab,
    PowerChug,
}

public enum BassStyle
{
    Root,
    RootFifth,

    /// <summary>Folk "boom-chick" bass in 4/4: the root on beat 1 and the fifth on beat 3, rests on 2 and 4 (where the
    /// strum or backbeat answers); other meters play <see cref="RootFifth"/>.</summary>
    TwoBeat,
    Walking,
    Offbeat,
    Syncopated,
    Sustained,
    Eighths,
}

/// <summary>How a genre is arranged: groove, instruments per role, harmony vocabulary and the form used
/// when there are no lyrics. Tempo, mode and meter ranges come from the matching <see cref="GenrePreset"/>.</summary>
public sealed record GenreStyle(
    Genre Genre,
    DrumFeel Drums,
    double Swing,
    InstrumentKind Bass,
    BassStyle BassStyle,
    InstrumentKind Comp,
    CompStyle CompStyle,
    InstrumentKind? Pad,
    InstrumentKind Lead,
    bool Sevenths,
    SingerKind Singer,
    double Reverb,
    IReadOnlyList<int[]> MajorProgressions,
    IReadOnlyList<int[]> MinorProgressions,
    IReadOnlyList<(SectionKind Kind, int Bars)> InstrumentalForm)
{
    public GenrePreset Preset => GenrePresets.All.First(p => CaptionLexicon.GenreOfPreset(p) == Genre);
}
