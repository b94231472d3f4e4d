using AudioMusic.Domain;

namespace AudioMusic.Planner.Knowledge;

/// <summary>The genres and sub-genres the planner recognises. The sixteen main genres copy their tempo range, modes
/// and meters from the Domain presets (GenrePreset.cs) so a plan agrees with its preset; sub-genres narrow or move
/// the range where the style demands it (drum and bass is not played at 128 bpm). docs/planner.md tabulates them.</summary>
internal static class GenreCatalog
{
    private const int C = 0, D = 2, Eb = 3, E = 4, F = 5, G = 7, A = 9, Bb = 10, B = 11;
    private static readonly int[] GuitarKeys = [E, A, D, G, C];
    private static readonly int[] PianoKeys = [C, F, G, D, Bb, Eb, A];
    private static readonly int[] SynthKeys = [A, F, G, C, D, E];
    private static readonly TimeSignature Four = TimeSignature.FourFour;
    private static readonly TimeSignature Three = TimeSignature.ThreeFour;
    private static readonly TimeSignature Six = TimeSignature.SixEight;
    private static readonly TimeSignature Two = TimeSignature.TwoFour;
    private static readonly Mode[] MajorFirst = [Mode.Major, Mode.Minor];
    private static readonly Mode[] MinorFirst = [Mode.Minor, Mode.Major];
    private static readonly Mode[] MinorOnly = [Mode.Minor];
    private static readonly Mode[] MajorOnly = [Mode.Major];

    public static IReadOnlyList<GenreProfile> All { get; } =
    [
        FromPreset("pop", "pop", "modern-pop", ["pop", "pop song", "mainstream"], ["synth", "punchy drums", "bass"], PianoKeys),
        Sub("synthpop", "synthpop", "modern-pop", ["synthpop", "synth pop", "electropop", "city pop"], 100, 128, MinorFirst, [Four], 200, ["synth", "drum machine", "synth bass"], SynthKeys),
        Sub("k-pop", "k-pop", "modern-pop", ["k pop", "kpop", "j pop", "jpop"], 100, 130, MinorFirst, [Four], 200, ["synth", "punchy drums", "synth bass"], SynthKeys),
        Sub("ballad", "ballad", "modern-pop", ["ballad", "power ballad", "love ballad"], 60, 80, MajorFirst, [Four, Six], 220, ["piano", "strings"], PianoKeys),
        FromPreset("rock", "rock", "rock", ["rock", "rock and roll", "rock n roll", "alternative", "alt rock", "hard rock", "classic rock"], ["electric guitar", "bass guitar", "live drums"], GuitarKeys),
        Sub("indie", "indie rock", "rock", ["indie", "indie rock", "indie pop"], 100, 140, MajorFirst, [Four], 200, ["electric guitar", "bass guitar", "live drums"], GuitarKeys),
        Sub("punk", "punk", "rock", ["punk", "punk rock", "pop punk"], 160, 200, MajorFirst, [Four], 150, ["distorted guitar", "bass guitar", "live drums"], GuitarKeys),
        Sub("grunge", "grunge", "rock", ["grunge"], 90, 130, MinorFirst, [Four], 220, ["distorted guitar", "bass guitar", "live drums"], GuitarKeys),
        FromPreset("hip-hop", "hip hop", "hip-hop", ["hip hop", "hiphop", "rap", "rapper", "rapping", "boom bap"], ["808", "drum machine", "bass"], SynthKeys) with { IsRap = true },
        Sub("trap", "trap", "hip-hop", ["trap"], 130, 150, MinorOnly, [Four], 170, ["808", "hi hats", "synth"], SynthKeys) with { IsRap = true },
        Sub("drill", "drill", "hip-hop", ["drill", "uk drill"], 138, 145, MinorOnly, [Four], 170, ["808", "sliding bass", "hi hats"], SynthKeys) with { IsRap = true },
        FromPreset("jazz", "jazz", "jazz", ["jazz", "jazzy", "swing", "big band", "smooth jazz"], ["piano", "upright bass", "brushed drums", "saxophone"], PianoKeys),
        Sub("bebop", "bebop", "jazz", ["bebop", "bop"], 160, 240, MajorFirst, [Four], 200, ["saxophone", "trumpet", "upright bass", "drums"], PianoKeys),
        Sub("bossa-nova", "bossa nova", "jazz", ["bossa nova", "bossa"], 110, 140, MajorFirst, [Four], 200, ["nylon guitar", "upright bass", "brushed drums"], GuitarKeys),
        FromPreset("classical", "classical", "classical", ["classical", "baroque", "romantic era", "chamber music", "sonata", "symphony", "string quartet", "concerto"], ["strings", "piano"], PianoKeys) with { LeansInstrumental = true },
        Sub("waltz", "waltz", "classical", ["waltz"], 84, 108, MajorFirst, [Three], 180, ["strings", "piano"], PianoKeys),
        FromPreset("electronic", "electronic", "electronic", ["electronic", "edm", "electronica", "dance music", "electro", "club"], ["synth lead", "synth bass", "drum machine"], SynthKeys),
        Sub("house", "house", "electronic", ["house", "deep house", "tech house", "french house"], 118, 128, MinorFirst, [Four], 240, ["piano chords", "synth bass", "four on the floor"], SynthKeys),
        Sub("techno", "techno", "electronic", ["techno", "minimal techno"], 125, 135, MinorOnly, [Four], 300, ["drum machine", "synth", "four on the floor"], SynthKeys),
        Sub("trance", "trance", "electronic", ["trance", "progressive trance", "psytrance"], 132, 140, MinorOnly, [Four], 300, ["supersaw", "synth lead", "pads"], SynthKeys),
        Sub("dubstep", "dubstep", "electronic", ["dubstep", "brostep"], 138, 142, MinorOnly, [Four], 210, ["wobble bass", "synth", "drum machine"], SynthKeys),
        Sub("drum-and-bass", "drum and bass", "electronic", ["drum and bass", "drum n bass", "dnb", "jungle", "liquid"], 165, 178, MinorOnly, [Four], 240, ["breakbeat", "sub bass", "pads"], SynthKeys),
        Sub("synthwave", "synthwave", "electronic", ["synthwave", "retrowave", "outrun", "vaporwave"], 80, 118, MinorOnly, [Four], 220, ["analog synth", "gated drums", "synth bass"], SynthKeys),
        Sub("disco", "disco", "electronic", ["disco", "nu disco"], 110, 125, MinorFirst, [Four], 220, ["funky guitar", "strings", "bass", "four on the floor"], SynthKeys),
        Sub("chiptune", "chiptune", "electronic", ["chiptune", "8 bit", "8bit", "video game", "retro game"], 120, 160, MajorFirst, [Four], 120, ["square lead", "synth", "drum machine"], SynthKeys),
        FromPreset("country", "country", "country", ["country", "americana", "country pop", "honky tonk", "western"], ["acoustic guitar", "steel guitar", "fiddle"], GuitarKeys),
        Sub("bluegrass", "bluegrass", "country", ["bluegrass"], 110, 160, MajorOnly, [Four, Two], 170, ["banjo", "fiddle", "mandolin", "acoustic guitar"], GuitarKeys),
        FromPreset("folk", "folk", "folk", ["folk", "singer songwriter", "acoustic", "folk song", "celtic", "irish"], ["acoustic guitar", "fingerpicked"], GuitarKeys),
        Sub("lullaby", "lullaby", "folk", ["lullaby", "cradle song"], 60, 75, MajorOnly, [Six, Three], 150, ["music box", "acoustic guitar", "soft strings"], PianoKeys),
        FromPreset("blues", "blues", "blues", ["blues", "delta blues", "blues rock"], ["electric guitar", "organ", "harmonica"], GuitarKeys),
        FromPreset("reggae", "reggae", "reggae", ["reggae", "roots reggae", "dub"], ["offbeat guitar", "deep bass", "organ"], GuitarKeys),
        Sub("ska", "ska", "reggae", ["ska"], 140, 170, MajorFirst, [Four], 180, ["offbeat guitar", "brass", "walking bass"], GuitarKeys),
        Sub("dancehall", "dancehall", "reggae", ["dancehall"], 90, 110, MinorOnly, [Four], 190, ["drum machine", "deep bass", "synth"], SynthKeys),
        FromPreset("latin", "latin", "latin", ["latin", "latin pop", "cumbia", "merengue", "flamenco", "mariachi"], ["percussion", "nylon guitar", "brass"], GuitarKeys),
        Sub("reggaeton", "reggaeton", "latin", ["reggaeton", "dembow", "urbano"], 88, 100, MinorOnly, [Four], 200, ["dembow beat", "synth", "deep bass"], SynthKeys),
        Sub("salsa", "salsa", "latin", ["salsa", "mambo"], 160, 210, MinorFirst, [Four], 240, ["piano montuno", "congas", "brass"], PianoKeys),
        Sub("bachata", "bachata", "latin", ["bachata"], 120, 140, MinorFirst, [Four], 220, ["requinto guitar", "bongos", "bass"], GuitarKeys),
        Sub("tango", "tango", "latin", ["tango", "milonga"], 110, 130, MinorOnly, [Four, Two], 180, ["bandoneon", "violin", "piano"], PianoKeys),
        Sub("samba", "samba", "latin", ["samba", "pagode"], 95, 105, MajorFirst, [Two, Four], 200, ["cavaquinho", "percussion", "nylon guitar"], GuitarKeys),
        FromPreset("rnb", "r&b", "rnb", ["rnb", "rhythm and blues", "contemporary rnb"], ["electric piano", "smooth bass", "soft drums"], PianoKeys),
        Sub("soul", "soul", "rnb", ["soul", "neo soul", "motown"], 70, 110, MinorFirst, [Four, Six], 200, ["electric piano", "organ", "bass", "horns"], PianoKeys),
        Sub("funk", "funk", "rnb", ["funk", "funky"], 95, 120, MinorFirst, [Four], 210, ["slap bass", "funky guitar", "horns"], GuitarKeys),
        Sub("gospel", "gospel", "rnb", ["gospel", "worship", "hymn"], 70, 110, MajorOnly, [Four, Six, Three], 220, ["organ", "piano", "choir"], PianoKeys),
        FromPreset("metal", "metal", "metal", ["metal", "heavy metal", "metalcore", "thrash", "death metal", "black metal", "nu metal"], ["distorted guitar", "double kick", "bass guitar"], [E, D, A, B, C]),
        Sub("doom", "doom metal", "metal", ["doom", "doom metal", "sludge", "stoner metal"], 50, 80, MinorOnly, [Four], 300, ["downtuned guitar", "heavy drums", "bass guitar"], [D, C, B, A]),
        FromPreset("lo-fi", "lo-fi", "lo-fi", ["lofi", "lo fi", "chillhop", "lofi hip hop", "lo fi hip hop", "study beats"], ["electric piano", "dusty drums", "vinyl crackle"], PianoKeys) with { LeansInstrumental = true },
        FromPreset("ambient", "ambient", "ambient", ["ambient", "drone", "new age", "meditation", "soundscape", "atmospheric"], ["pads", "synth", "piano"], SynthKeys) with { LeansInstrumental = true },
        FromPreset("cinematic", "cinematic", "cinematic", ["cinematic", "film score", "movie score", "soundtrack", "trailer", "score", "orchestral"], ["orchestra", "strings", "brass", "timpani"], [D, C, A, E, G]) with { LeansInstrumental = true },
    ];

    public static GenreProfile Pop => All[0];
    public static GenreProfile HipHop => All.First(g => g.Id == "hip-hop");

    public static GenreProfile? ById(string id) => All.FirstOrDefault(g => g.Id == id);

    /// <summary>The main genre of a Domain preset: the first profile of its family, which copies the preset's ranges.</summary>
    public static GenreProfile ForPreset(GenrePreset preset) => All.First(g => g.PresetSlug == preset.Slug);

    private static GenreProfile FromPreset(string id, string tag, string slug, string[] aliases, string[] instruments, int[] tonics)
    {
        var preset = GenrePresets.Find(slug) ?? throw new InvalidOperationException($"unknown preset {slug}");
        return new GenreProfile(id, tag, slug, aliases, preset.MinBpm, preset.MaxBpm, preset.Modes, preset.Meters,
            preset.DefaultDurationSeconds, instruments, tonics);
    }

    private static GenreProfile Sub(string id, string tag, string slug, string[] aliases, int minBpm, int maxBpm,
        Mode[] modes, TimeSignature[] meters, double duration, string[] instruments, int[] tonics) =>
        new(id, tag, slug, aliases, minBpm, maxBpm, modes, meters, duration, instruments, tonics);
}
