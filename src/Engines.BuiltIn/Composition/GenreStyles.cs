using AudioMusic.Engines.BuiltIn.Caption;
using static AudioMusic.Domain.SectionKind;

namespace AudioMusic.Engines.BuiltIn.Composition;

/// <summary>The arrangement of every genre. Progressions are scale degrees (0 = I/i … 6 = vii). Nearly all start on
/// the tonic so the key is heard at every phrase start, and major ones lean on the subdominant (IV): the tonic
/// triad's own overtones (the fifth and the major third's fifth) pull a listener — and a chroma key finder —
/// towards the dominant key, and the IV chord's root is the note that rules it out.</summary>
public static class GenreStyles
{
    private static readonly int[][] PopMajor = [[0, 3, 5, 4], [0, 5, 3, 4], [0, 3, 0, 4], [0, 3, 4, 3]];
    private static readonly int[][] PopMinor = [[0, 5, 3, 4], [0, 3, 5, 4], [0, 6, 5, 4], [0, 3, 0, 4]];
    private static readonly int[][] RockMajor = [[0, 3, 4, 3], [0, 3, 0, 4], [0, 3, 5, 4], [0, 3, 0, 3]];
    private static readonly int[][] FolkMajor = [[0, 3, 0, 4], [0, 3, 4, 0], [0, 5, 3, 4], [0, 3, 0, 3]];
    private static readonly int[][] JazzMajor = [[1, 4, 0, 0], [0, 5, 1, 4], [0, 3, 1, 4], [2, 5, 1, 4]];
    private static readonly int[][] JazzMinor = [[3, 4, 0, 0], [0, 5, 1, 4], [0, 3, 6, 4], [0, 0, 3, 4]];
    private static readonly int[][] Blues = [[0, 0, 0, 0, 3, 3, 0, 0, 4, 3, 0, 4]];
    private static readonly int[][] MinorDrive = [[0, 5, 6, 4], [0, 3, 0, 4], [0, 6, 5, 6], [0, 0, 5, 4]];
    private static readonly int[][] Classical = [[0, 3, 4, 0], [0, 1, 4, 0], [0, 5, 3, 4], [0, 3, 1, 4]];
    private static readonly int[][] Calm = [[0, 3, 0, 4], [0, 5, 3, 0], [0, 3, 5, 4]];

    private static readonly (Domain.SectionKind, int)[] SongForm =
        [(Intro, 4), (Verse, 8), (Chorus, 8), (Verse, 8), (Chorus, 8), (Bridge, 8), (Chorus, 8), (Outro, 4)];
    private static readonly (Domain.SectionKind, int)[] BluesForm =
        [(Intro, 4), (Verse, 12), (Verse, 12), (Instrumental, 12), (Verse, 12), (Outro, 4)];
    private static readonly (Domain.SectionKind, int)[] AmbientForm =
        [(Intro, 8), (Verse, 16), (Bridge, 8), (Chorus, 16), (Outro, 8)];

    public static IReadOnlyList<GenreStyle> All { get; } =
    [
        new(Genre.Pop, DrumFeel.Pop, 0, InstrumentKind.BassGuitar, BassStyle.RootFifth, InstrumentKind.Piano, CompStyle.Block, InstrumentKind.SynthPad, InstrumentKind.SynthLead, false, SingerKind.Female, 0.25, PopMajor, PopMinor, SongForm),
        new(Genre.Rock, DrumFeel.Rock, 0, InstrumentKind.BassGuitar, BassStyle.RootFifth, InstrumentKind.ElectricGuitar, CompStyle.Strum, InstrumentKind.Organ, InstrumentKind.DistortedGuitar, false, SingerKind.Male, 0.2, RockMajor, MinorDrive, SongForm),
        new(Genre.HipHop, DrumFeel.BoomBap, 0.55, InstrumentKind.SynthBass, BassStyle.Syncopated, InstrumentKind.ElectricPiano, CompStyle.Stab, InstrumentKind.Strings, InstrumentKind.Bells, true, SingerKind.Male, 0.18, PopMajor, MinorDrive, SongForm),
        new(Genre.Jazz, DrumFeel.Swing, 0.62, InstrumentKind.UprightBass, BassStyle.Walking, InstrumentKind.Piano, CompStyle.Block, null, InstrumentKind.Brass, true, SingerKind.Female, 0.3, JazzMajor, JazzMinor, SongForm),
        new(Genre.Classical, DrumFeel.Orchestral, 0, InstrumentKind.Strings, BassStyle.Sustained, InstrumentKind.Piano, CompStyle.Arpeggio, InstrumentKind.Strings, InstrumentKind.Strings, false, SingerKind.Choir, 0.4, Classical, Classical, SongForm),
        new(Genre.Electronic, DrumFeel.FourOnTheFloor, 0, InstrumentKind.SynthBass, BassStyle.Offbeat, InstrumentKind.SynthPluck, CompStyle.Arpeggio, InstrumentKind.SynthPad, InstrumentKind.SynthLead, false, SingerKind.Female, 0.3, PopMajor, PopMinor, SongForm),
        new(Genre.Country, DrumFeel.Train, 0, InstrumentKind.BassGuitar, BassStyle.RootFifth, InstrumentKind.AcousticGuitar, CompStyle.Strum, InstrumentKind.Organ, InstrumentKind.ElectricGuitar, false, SingerKind.Male, 0.2, FolkMajor, PopMinor, SongForm),
        new(Genre.Folk, DrumFeel.Folk, 0, InstrumentKind.UprightBass, BassStyle.TwoBeat, InstrumentKind.AcousticGuitar, CompStyle.Arpeggio, InstrumentKind.Strings, InstrumentKind.SynthPluck, false, SingerKind.Female, 0.25, FolkMajor, Calm, SongForm),
        new(Genre.Blues, DrumFeel.Shuffle, 0.66, InstrumentKind.BassGuitar, BassStyle.Walking, InstrumentKind.Organ, CompStyle.Stab, null, InstrumentKind.ElectricGuitar, true, SingerKind.Male, 0.25, Blues, Blues, BluesForm),
        new(Genre.Reggae, DrumFeel.OneDrop, 0, InstrumentKind.BassGuitar, BassStyle.Syncopated, InstrumentKind.ElectricGuitar, CompStyle.Offbeat, InstrumentKind.Organ, InstrumentKind.Brass, false, SingerKind.Male, 0.25, FolkMajor, PopMinor, SongForm),
        new(Genre.Latin, DrumFeel.Latin, 0, InstrumentKind.BassGuitar, BassStyle.Syncopated, InstrumentKind.AcousticGuitar, CompStyle.Arpeggio, InstrumentKind.Piano, InstrumentKind.Brass, false, SingerKind.Male, 0.22, PopMajor, PopMinor, SongForm),
        new(Genre.RnB, DrumFeel.BoomBap, 0.54, InstrumentKind.BassGuitar, BassStyle.Syncopated, InstrumentKind.ElectricPiano, CompStyle.Sustain, InstrumentKind.SynthPad, InstrumentKind.SynthLead, true, SingerKind.Female, 0.28, PopMajor, PopMinor, SongForm),
        new(Genre.Metal, DrumFeel.Metal, 0, InstrumentKind.BassGuitar, BassStyle.Eighths, InstrumentKind.DistortedGuitar, CompStyle.PowerChug, InstrumentKind.Strings, InstrumentKind.DistortedGuitar, false, SingerKind.Male, 0.15, RockMajor, MinorDrive, SongForm),
        new(Genre.LoFi, DrumFeel.BoomBap, 0.58, InstrumentKind.BassGuitar, BassStyle.Root, InstrumentKind.ElectricPiano, CompStyle.Sustain, InstrumentKind.SynthPad, InstrumentKind.Bells, true, SingerKind.Female, 0.3, JazzMajor, JazzMinor, SongForm),
        new(Genre.Ambient, DrumFeel.Ambient, 0, InstrumentKind.SynthBass, BassStyle.Sustained, InstrumentKind.SynthPluck, CompStyle.Arpeggio, InstrumentKind.SynthPad, InstrumentKind.Bells, false, SingerKind.Female, 0.5, Calm, Calm, AmbientForm),
        new(Genre.Cinematic, DrumFeel.Orchestral, 0, InstrumentKind.Strings, BassStyle.Eighths, InstrumentKind.Strings, CompStyle.Arpeggio, InstrumentKind.Brass, InstrumentKind.Strings, false, SingerKind.Choir, 0.45, Classical, MinorDrive, SongForm),
    ];

    public static GenreStyle For(Genre genre) => All.First(s => s.Genre == genre);
}
