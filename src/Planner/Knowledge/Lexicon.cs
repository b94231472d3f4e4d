namespace AudioMusic.Planner.Knowledge;

/// <summary>A phrase the query parser recognises and what it means. All lexicons share one phrase index so that
/// the longest phrase wins across them: "acoustic guitar" is an instrument, not the genre "acoustic" plus a
/// stray word, and "drum and bass" is a genre, not two instruments.</summary>
internal abstract record LexiconEntry;

internal sealed record GenreEntry(GenreProfile Genre) : LexiconEntry;

/// <summary>A mood word with its valence (sad −1 … happy +1) and energy (calm −1 … intense +1).</summary>
internal sealed record MoodEntry(string Tag, double Valence, double Energy, Theme? Theme = null) : LexiconEntry;

/// <summary>A tempo or energy word without a mood of its own ("slow", "high energy").</summary>
internal sealed record EnergyEntry(string Tag, double Energy) : LexiconEntry;

internal sealed record InstrumentEntry(string Tag) : LexiconEntry;

internal enum VocalGender
{
    Female,
    Male,
    Duet,
    Choir,
}

internal sealed record VocalGenderEntry(VocalGender Gender) : LexiconEntry;

internal sealed record VocalStyleEntry(string Tag) : LexiconEntry;

/// <summary>A word that asks for a voice ("song", "singer", "lyrics"): it keeps an ambient or classical query vocal.</summary>
internal sealed record VocalCueEntry : LexiconEntry;

internal sealed record EraEntry(string Tag) : LexiconEntry;

internal sealed record ThemeEntry(Theme Theme) : LexiconEntry;

internal static class Lexicon
{
    private static List<(string, LexiconEntry)> Build()
    {
        var entries = new List<(string, LexiconEntry)>();
        foreach (var genre in GenreCatalog.All)
        {
            entries.AddRange(genre.Aliases.Select(a => (a, (LexiconEntry)new GenreEntry(genre))));
        }
        entries.AddRange(Moods.Select(m => (m.Phrase, (LexiconEntry)m.Entry)));
        entries.AddRange(EnergyWords.Select(e => (e.Phrase, (LexiconEntry)new EnergyEntry(e.Tag, e.Energy))));
        entries.AddRange(Instruments.SelectMany(i => i.Aliases.Select(a => (a, (LexiconEntry)new InstrumentEntry(i.Tag)))));
        entries.AddRange(VocalGenders.Select(v => (v.Phrase, (LexiconEntry)new VocalGenderEntry(v.Gender))));
        entries.AddRange(VocalStyles.Select(v => (v.Phrase, (LexiconEntry)new VocalStyleEntry(v.Tag))));
        entries.AddRange(VocalCues.Select(c => (c, (LexiconEntry)new VocalCueEntry())));
        entries.AddRange(Eras.Select(e => (e.Phrase, (LexiconEntry)new EraEntry(e.Tag))));
        foreach (var theme in ThemeCatalog.All)
        {
            entries.AddRange(theme.Keywords.Select(k => (k, (LexiconEntry)new ThemeEntry(theme))));
        }
        return entries;
    }

    private static MoodEntry M(string tag, double valence, double energy, string? theme = null) =>
        new(tag, valence, energy, theme is null ? null : ThemeCatalog.ById(theme));

    private static readonly (string Phrase, MoodEntry Entry)[] Moods =
    [
        ("sad", M("sad", -0.8, -0.4, "heartbreak")), ("sadness", M("sad", -0.8, -0.4, "heartbreak")),
        ("melancholic", M("melancholic", -0.6, -0.4)), ("melancholy", M("melancholic", -0.6, -0.4)),
        ("heartbroken", M("heartbroken", -0.9, -0.3, "heartbreak")), ("lonely", M("lonely", -0.7, -0.5, "heartbreak")),
        ("gloomy", M("gloomy", -0.7, -0.5)), ("somber", M("somber", -0.6, -0.6)), ("sombre", M("somber", -0.6, -0.6)),
        ("dark", M("dark", -0.6, 0.2)), ("haunting", M("haunting", -0.5, -0.3)), ("moody", M("moody", -0.4, -0.1)),
        ("mysterious", M("mysterious", -0.3, -0.2)), ("eerie", M("eerie", -0.6, -0.2)), ("emotional", M("emotional", -0.3, 0.0)),
        ("bittersweet", M("bittersweet", -0.2, -0.2, "nostalgia")), ("nostalgic", M("nostalgic", -0.1, -0.2, "nostalgia")),
        ("angry", M("angry", -0.7, 0.9)), ("aggressive", M("aggressive", -0.6, 0.9)), ("furious", M("angry", -0.8, 1.0)),
        ("happy", M("happy", 0.8, 0.4)), ("joyful", M("joyful", 0.9, 0.5)), ("cheerful", M("cheerful", 0.8, 0.4)),
        ("upbeat", M("upbeat", 0.6, 0.6)), ("uplifting", M("uplifting", 0.7, 0.5)), ("euphoric", M("euphoric", 0.8, 0.9)),
        ("triumphant", M("triumphant", 0.7, 0.7)), ("hopeful", M("hopeful", 0.5, 0.1, "dreams")), ("playful", M("playful", 0.6, 0.4)),
        ("fun", M("fun", 0.7, 0.5, "party")), ("groovy", M("groovy", 0.5, 0.4)), ("funky", M("groovy", 0.5, 0.5)),
        ("romantic", M("romantic", 0.5, -0.2, "love")), ("sensual", M("sensual", 0.3, -0.2, "love")), ("sexy", M("sensual", 0.3, -0.1, "love")),
        ("tender", M("tender", 0.4, -0.5, "love")), ("sentimental", M("sentimental", 0.0, -0.3, "nostalgia")),
        ("dreamy", M("dreamy", 0.2, -0.4, "dreams")), ("chill", M("chill", 0.3, -0.6)), ("chilled", M("chill", 0.3, -0.6)),
        ("relaxed", M("relaxed", 0.4, -0.7)), ("relaxing", M("relaxed", 0.4, -0.7)), ("calm", M("calm", 0.3, -0.8)),
        ("peaceful", M("peaceful", 0.4, -0.8)), ("serene", M("peaceful", 0.4, -0.8)), ("warm", M("warm", 0.5, -0.3)),
        ("epic", M("epic", 0.2, 0.8)), ("powerful", M("powerful", 0.2, 0.8)), ("intense", M("intense", -0.1, 0.8)),
        ("energetic", M("energetic", 0.4, 0.9)), ("bright", M("bright", 0.6, 0.4)), ("confident", M("confident", 0.5, 0.6)),
        ("spooky", M("spooky", -0.5, 0.0)), ("triste", M("sad", -0.8, -0.4, "heartbreak")), ("feliz", M("happy", 0.8, 0.4)),
        ("traurig", M("sad", -0.8, -0.4, "heartbreak")), ("fröhlich", M("happy", 0.8, 0.4)), ("fröhliches", M("happy", 0.8, 0.4)), ("fröhliche", M("happy", 0.8, 0.4)), ("traurige", M("sad", -0.8, -0.4, "heartbreak")), ("trauriges", M("sad", -0.8, -0.4, "heartbreak")), ("joyeux", M("happy", 0.8, 0.4)),
        ("joyeuse", M("happy", 0.8, 0.4)), ("alegre", M("happy", 0.8, 0.4)), ("romántica", M("romantic", 0.5, -0.2, "love")), ("romántico", M("romantic", 0.5, -0.2, "love")),
        ("romantique", M("romantic", 0.5, -0.2, "love")), ("romantisch", M("romantic", 0.5, -0.2, "love")),
    ];

    private static readonly (string Phrase, string Tag, double Energy)[] EnergyWords =
    [
        ("slow", "slow", -0.7), ("slowly", "slow", -0.7), ("downtempo", "slow", -0.7), ("mellow", "mellow", -0.5),
        ("laid back", "laid-back", -0.5), ("laidback", "laid-back", -0.5), ("gentle", "gentle", -0.6), ("soft", "soft", -0.5),
        ("quiet", "soft", -0.6), ("low energy", "low energy", -0.7), ("mid tempo", "mid-tempo", 0.0), ("midtempo", "mid-tempo", 0.0),
        ("fast", "fast", 0.7), ("quick", "fast", 0.6), ("uptempo", "fast", 0.6), ("up tempo", "fast", 0.6),
        ("high energy", "high energy", 0.9), ("hype", "hype", 0.9), ("driving", "driving", 0.6), ("heavy", "heavy", 0.6),
        ("dance", "danceable", 0.6), ("danceable", "danceable", 0.6), ("party", "party", 0.7), ("lento", "slow", -0.7),
        ("rápido", "fast", 0.7), ("rapide", "fast", 0.7), ("langsam", "slow", -0.7), ("schnell", "fast", 0.7),
    ];

    private static readonly (string Tag, string[] Aliases)[] Instruments =
    [
        ("piano", ["piano", "grand piano", "keys", "piano solo", "klavier"]),
        ("electric piano", ["electric piano", "rhodes", "wurlitzer", "e piano"]),
        ("acoustic guitar", ["acoustic guitar", "acoustic guitars", "steel string guitar", "guitarra acústica"]),
        ("electric guitar", ["electric guitar", "electric guitars", "guitar solo", "lead guitar"]),
        ("guitar", ["guitar", "guitars", "guitarra", "guitare", "gitarre"]),
        ("distorted guitar", ["distorted guitar", "distorted guitars", "heavy guitar", "heavy guitars", "power chords"]),
        ("nylon guitar", ["nylon guitar", "spanish guitar", "classical guitar", "flamenco guitar"]),
        ("bass guitar", ["bass guitar", "bass", "bassline", "bass line", "electric bass"]),
        ("upright bass", ["upright bass", "double bass", "contrabass"]),
        ("synth", ["synth", "synths", "synthesizer", "synthesizers", "analog synth", "synthesiser"]),
        ("synth bass", ["synth bass", "sub bass", "808 bass", "reese bass"]),
        ("pads", ["pad", "pads", "synth pads"]),
        ("strings", ["strings", "string section", "string orchestra"]),
        ("violin", ["violin", "violins", "fiddle", "violín", "violon", "geige"]),
        ("cello", ["cello", "cellos", "violoncello"]),
        ("orchestra", ["orchestra", "full orchestra", "symphony orchestra"]),
        ("saxophone", ["saxophone", "sax", "alto sax", "tenor sax", "saxofón", "saxophon"]),
        ("trumpet", ["trumpet", "trumpets", "trompeta", "trompette", "trompete"]),
        ("brass", ["brass", "horns", "horn section", "brass section"]),
        ("flute", ["flute", "flutes", "flauta", "flûte", "flöte", "pan flute"]),
        ("clarinet", ["clarinet"]),
        ("organ", ["organ", "hammond", "hammond organ", "church organ", "órgano", "orgue", "orgel"]),
        ("harp", ["harp", "arpa", "harpe", "harfe"]),
        ("ukulele", ["ukulele", "uke"]),
        ("banjo", ["banjo"]),
        ("mandolin", ["mandolin"]),
        ("harmonica", ["harmonica"]),
        ("accordion", ["accordion", "acordeón", "accordéon", "akkordeon"]),
        ("drums", ["drums", "drum kit", "live drums", "batería", "batterie", "schlagzeug"]),
        ("808", ["808", "808s", "tr 808"]),
        ("drum machine", ["drum machine", "drum machines", "beat machine"]),
        ("percussion", ["percussion", "congas", "bongos", "shaker", "tambourine", "hand drums"]),
        ("bells", ["bells", "chimes", "glockenspiel", "music box", "celesta"]),
        ("marimba", ["marimba", "xylophone", "vibraphone", "vibes"]),
        ("steel drums", ["steel drum", "steel drums", "steelpan"]),
        ("sitar", ["sitar"]),
        ("timpani", ["timpani", "taiko"]),
    ];

    /// <summary>Only phrases that name the singer: "a song about a girl" is a topic, not a voice.</summary>
    private static readonly (string Phrase, VocalGender Gender)[] VocalGenders =
    [
        ("female", VocalGender.Female), ("female vocals", VocalGender.Female), ("female vocal", VocalGender.Female),
        ("female singer", VocalGender.Female), ("female voice", VocalGender.Female), ("woman singing", VocalGender.Female),
        ("sung by a woman", VocalGender.Female), ("girl group", VocalGender.Female), ("diva", VocalGender.Female),
        ("soprano", VocalGender.Female), ("mezzo soprano", VocalGender.Female), ("voz femenina", VocalGender.Female),
        ("voix féminine", VocalGender.Female), ("weibliche stimme", VocalGender.Female), ("voz feminina", VocalGender.Female),
        ("male", VocalGender.Male), ("male vocals", VocalGender.Male), ("male vocal", VocalGender.Male),
        ("male singer", VocalGender.Male), ("male voice", VocalGender.Male), ("man singing", VocalGender.Male),
        ("sung by a man", VocalGender.Male), ("boy band", VocalGender.Male), ("baritone", VocalGender.Male),
        ("tenor", VocalGender.Male), ("voz masculina", VocalGender.Male), ("voix masculine", VocalGender.Male),
        ("männliche stimme", VocalGender.Male),
        ("duet", VocalGender.Duet), ("male and female", VocalGender.Duet), ("female and male", VocalGender.Duet),
        ("choir", VocalGender.Choir), ("choral", VocalGender.Choir), ("chorus of voices", VocalGender.Choir),
    ];

    private static readonly (string Phrase, string Tag)[] VocalStyles =
    [
        ("breathy", "breathy"), ("raspy", "raspy"), ("gritty", "gritty"), ("soulful", "soulful"), ("falsetto", "falsetto"),
        ("whispered", "whispered"), ("whisper", "whispered"), ("autotune", "auto-tuned"), ("auto tune", "auto-tuned"),
        ("auto tuned", "auto-tuned"), ("autotuned", "auto-tuned"), ("operatic", "operatic"), ("opera", "operatic"),
        ("smooth vocals", "smooth"), ("smooth voice", "smooth"), ("belting", "belting"), ("harmonies", "harmonies"),
        ("harmonizing", "harmonies"), ("crooning", "crooning"), ("crooner", "crooning"), ("screaming", "screamed"),
        ("screamed", "screamed"), ("growl", "growled"), ("growling", "growled"), ("angelic", "angelic"), ("husky", "husky"),
    ];

    /// <summary>Words that ask for a singing voice; they override a genre's lean towards instrumental.</summary>
    private static readonly string[] VocalCues =
    [
        "song", "songs", "sing", "sings", "singing", "sung", "singer", "vocals", "vocal", "voice", "lyrics", "lyric",
        "canción", "cancion", "chanson", "lied", "canção", "cancao", "letra", "paroles", "anthem",
    ];

    private static readonly (string Phrase, string Tag)[] Eras =
    [
        ("50s", "50s"), ("1950s", "50s"), ("fifties", "50s"), ("60s", "60s"), ("1960s", "60s"), ("sixties", "60s"),
        ("70s", "70s"), ("1970s", "70s"), ("seventies", "70s"), ("80s", "80s"), ("1980s", "80s"), ("eighties", "80s"),
        ("90s", "90s"), ("1990s", "90s"), ("nineties", "90s"), ("2000s", "2000s"), ("y2k", "2000s"), ("2010s", "2010s"),
        ("retro", "retro"), ("vintage", "vintage"), ("old school", "old school"), ("oldschool", "old school"),
        ("modern", "modern"), ("futuristic", "futuristic"), ("medieval", "medieval"),
    ];

    // Last: static fields initialise in textual order, and Build reads the tables above.
    public static IReadOnlyList<(string Phrase, LexiconEntry Entry)> Entries { get; } = Build();
}
