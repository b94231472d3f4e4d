using System.Globalization;
using System.Text.RegularExpressions;
using AudioMusic.Domain;

namespace AudioMusic.Engines.BuiltIn.Caption;

/// <summary>The words the built-in engine understands in a caption (documented in docs/engine.md). Phrases of
/// up to four words are matched longest first, so "electric piano" is not read as "electric guitar" + "piano".
/// The first genre and mood named win; every instrument named is used.</summary>
public static partial class CaptionLexicon
{
    private sealed record Entry(Genre? Genre = null, Mood? Mood = null, double? Energy = null, TempoFeel? Tempo = null,
        InstrumentKind? Instrument = null, SingerKind? Singer = null, string? VocalStyle = null, TimeSignature? Meter = null);

    private static readonly Dictionary<string, Entry> Entries = Build();

    public static IReadOnlyCollection<string> Terms => Entries.Keys;

    private const int LongestPhrase = 4;

    public static CaptionAnalysis Analyze(string? caption)
    {
        if (string.IsNullOrWhiteSpace(caption))
        {
            return new CaptionAnalysis();
        }
        var text = caption.ToLowerInvariant();
        var bpm = ParseBpm(text);
        var key = ParseKey(text);
        var meter = ParseMeter(text);
        var words = WordPattern().Matches(text.Replace("r&b", "rnb").Replace("lo-fi", "lofi").Replace("hip-hop", "hip hop"))
            .Select(m => m.Value.Trim('-', '\'')).Where(w => w.Length > 0).ToArray();

        Genre? genre = null;
        Mood? mood = null;
        TempoFeel? tempo = null;
        SingerKind? singer = null;
        var energies = new List<double>();
        var instruments = new List<InstrumentKind>();
        var styles = new List<string>();
        var matched = new List<string>();
        for (var i = 0; i < words.Length;)
        {
            var length = Math.Min(LongestPhrase, words.Length - i);
            Entry? entry = null;
            string? phrase = null;
            for (; length > 0; length--)
            {
                phrase = string.Join(' ', words, i, length);
                if (Entries.TryGetValue(phrase, out entry))
                {
                    break;
                }
            }
            if (entry is null || phrase is null)
            {
                i++;
                continue;
            }
            matched.Add(phrase);
            genre ??= entry.Genre;
            mood ??= entry.Mood;
            tempo ??= entry.Tempo;
            singer ??= entry.Singer;
            meter ??= entry.Meter;
            if (entry.Energy is { } e)
            {
                energies.Add(e);
            }
            if (entry.Instrument is { } instrument && !instruments.Contains(instrument))
            {
                instruments.Add(instrument);
            }
            if (entry.VocalStyle is { } style && !styles.Contains(style))
            {
                styles.Add(style);
            }
            i += length;
        }
        return new CaptionAnalysis
        {
            Genre = genre,
            Mood = mood,
            Energy = energies.Count == 0 ? null : energies.Average(),
            TempoFeel = tempo,
            Instruments = instruments,
            Singer = singer,
            VocalStyles = styles,
            Bpm = bpm,
            Key = key,
            Meter = meter,
            MatchedTerms = matched,
        };
    }

    /// <summary>The analysis of a genre preset's caption tags, with the preset's genre fixed by its slug.</summary>
    public static CaptionAnalysis AnalyzePreset(GenrePreset preset) =>
        Analyze(preset.Caption) with { Genre = GenreOfPreset(preset), Bpm = null, Key = null, Meter = null };

    public static Genre GenreOfPreset(GenrePreset preset) => preset.Slug switch
    {
        "modern-pop" => Genre.Pop,
        "rock" => Genre.Rock,
        "hip-hop" => Genre.HipHop,
        "jazz" => Genre.Jazz,
        "classical" => Genre.Classical,
        "electronic" => Genre.Electronic,
        "country" => Genre.Country,
        "folk" => Genre.Folk,
        "blues" => Genre.Blues,
        "reggae" => Genre.Reggae,
        "latin" => Genre.Latin,
        "rnb" => Genre.RnB,
        "metal" => Genre.Metal,
        "lo-fi" => Genre.LoFi,
        "ambient" => Genre.Ambient,
        "cinematic" => Genre.Cinematic,
        _ => Analyze(preset.Caption).Genre ?? Genre.Pop,
    };

    private static int? ParseBpm(string text)
    {
        var match = BpmPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }
        var digits = match.Groups["a"].Success ? match.Groups["a"].Value : match.Groups["b"].Value;
        var bpm = int.Parse(digits, CultureInfo.InvariantCulture);
        return bpm is >= RequestLimits.MinBpm and <= RequestLimits.MaxBpm ? bpm : null;
    }

    private static KeyScale? ParseKey(string text)
    {
        foreach (Match match in KeyPattern().Matches(text))
        {
            var accidental = match.Groups["acc"].Value switch
            {
                "sharp" or "#" or "♯" => "#",
                "flat" or "b" or "♭" => "b",
                _ => "",
            };
            var mode = match.Groups["mode"].Value.StartsWith("maj", StringComparison.Ordinal) ? "major" : "minor";
            if (KeyScale.TryParse($"{match.Groups["letter"].Value}{accidental} {mode}", out var key))
            {
                return key;
            }
        }
        return null;
    }

    private static TimeSignature? ParseMeter(string text)
    {
        var match = MeterPattern().Match(text);
        return match.Success && TimeSignature.TryParse(match.Value, out var meter) ? meter : null;
    }

    [GeneratedRegex(@"[a-z0-9'\-]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"(?:(?<a>\d{2,3})\s*(?:bpm|beats per minute))|(?:(?:bpm|tempo)\s*:?\s*(?<b>\d{2,3}))", RegexOptions.CultureInvariant)]
    private static partial Regex BpmPattern();

    [GeneratedRegex(@"(?<![a-z])(?<letter>[a-g])\s?(?<acc>sharp|flat|#|♯|♭|b(?=\s))?\s*(?<mode>major|minor|maj|min)(?![a-z])", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"(?<![\d/])(2/4|3/4|4/4|6/8)(?![\d/])", RegexOptions.CultureInvariant)]
    private static partial Regex MeterPattern();

    private static Dictionary<string, Entry> Build()
    {
        var d = new Dictionary<string, Entry>(StringComparer.Ordinal);
        void Add(Entry entry, params string[] phrases)
        {
            foreach (var p in phrases)
            {
                d[p] = entry;
            }
        }

        Add(new(Genre: Genre.Pop), "pop", "dance pop", "synthpop", "synth pop", "k-pop", "kpop", "j-pop", "europop", "catchy");
        Add(new(Genre: Genre.Rock), "rock", "indie rock", "alt rock", "alternative", "punk", "grunge", "garage rock", "rock and roll");
        Add(new(Genre: Genre.HipHop), "hip hop", "hiphop", "boom bap", "trap", "rap beat", "drill");
        Add(new(Genre: Genre.Jazz), "jazz", "swing", "bebop", "bossa", "bossa nova", "smooth jazz", "big band");
        Add(new(Genre: Genre.Classical), "classical", "baroque", "orchestral", "symphonic", "chamber", "sonata", "orchestra");
        Add(new(Genre: Genre.Electronic), "electronic", "edm", "house", "techno", "trance", "synthwave", "electro", "dubstep", "four on the floor", "club");
        Add(new(Genre: Genre.Country), "country", "americana", "bluegrass", "twang", "honky tonk");
        Add(new(Genre: Genre.Folk), "folk", "acoustic", "singer-songwriter", "fingerpicked", "campfire");
        Add(new(Genre: Genre.Blues), "blues", "bluesy", "shuffle", "delta blues");
        Add(new(Genre: Genre.Reggae), "reggae", "ska", "dub", "one drop", "dancehall");
        Add(new(Genre: Genre.Latin), "latin", "salsa", "samba", "cumbia", "reggaeton", "tango", "bachata", "flamenco");
        Add(new(Genre: Genre.RnB), "rnb", "soul", "neo soul", "neo-soul", "motown", "funk", "funky");
        Add(new(Genre: Genre.Metal), "metal", "heavy metal", "thrash", "metalcore", "doom metal", "hard rock");
        Add(new(Genre: Genre.LoFi), "lofi", "lo fi", "chillhop", "lofi hip hop", "study beats", "dusty");
        Add(new(Genre: Genre.Ambient), "ambient", "drone", "atmospheric", "meditation", "new age", "soundscape");
        Add(new(Genre: Genre.Cinematic), "cinematic", "film score", "soundtrack", "score", "trailer", "epic orchestral");

        Add(new(Mood: Mood.Happy, Energy: 0.7), "happy", "joyful", "upbeat", "cheerful", "bright", "uplifting", "sunny", "fun", "playful", "optimistic");
        Add(new(Mood: Mood.Sad, Energy: 0.3), "sad", "melancholic", "melancholy", "heartbreak", "heartbroken", "sorrowful", "lonely", "nostalgic", "bittersweet", "emotional");
        Add(new(Mood: Mood.Calm, Energy: 0.2), "calm", "relaxed", "relaxing", "peaceful", "gentle", "soft", "mellow", "laid-back", "laid back", "chill", "soothing", "intimate", "quiet");
        Add(new(Mood: Mood.Energetic, Energy: 0.9), "energetic", "powerful", "driving", "intense", "aggressive", "hard", "punchy", "fierce", "explosive", "hype");
        Add(new(Mood: Mood.Dark, Energy: 0.6), "dark", "moody", "ominous", "sinister", "haunting", "brooding", "eerie", "gritty");
        Add(new(Mood: Mood.Romantic, Energy: 0.4), "romantic", "love", "sensual", "tender", "warm", "smooth", "soulful");
        Add(new(Mood: Mood.Epic, Energy: 0.85), "epic", "dramatic", "triumphant", "heroic", "anthemic", "majestic", "grand");
        Add(new(Mood: Mood.Dreamy, Energy: 0.35), "dreamy", "ethereal", "floating", "hazy", "spacious", "lush");

        Add(new(Tempo: TempoFeel.Slow, Energy: 0.3), "slow", "ballad", "downtempo", "slow tempo", "half-time", "halftime");
        Add(new(Tempo: TempoFeel.Fast, Energy: 0.85), "fast", "uptempo", "up-tempo", "fast tempo", "rapid", "danceable", "dance");
        Add(new(Tempo: TempoFeel.Medium), "mid-tempo", "midtempo", "moderate tempo", "groovy", "groove");
        Add(new(Meter: TimeSignature.ThreeFour), "waltz", "three four", "in three");
        Add(new(Meter: TimeSignature.SixEight), "six eight", "compound time");

        Add(new(Instrument: InstrumentKind.Piano), "piano", "grand piano", "acoustic piano", "keys", "upright piano");
        Add(new(Instrument: InstrumentKind.ElectricPiano), "electric piano", "rhodes", "wurlitzer", "ep", "e-piano");
        Add(new(Instrument: InstrumentKind.AcousticGuitar), "acoustic guitar", "guitar", "nylon guitar", "strummed guitar", "fingerpicked guitar", "ukulele", "banjo", "mandolin");
        Add(new(Instrument: InstrumentKind.ElectricGuitar), "electric guitar", "clean guitar", "guitar skank", "offbeat guitar skank", "funk guitar", "jazz guitar");
        Add(new(Instrument: InstrumentKind.DistortedGuitar), "distorted guitar", "heavy distorted guitar", "overdriven guitar", "power chords", "guitar riff", "riffs");
        Add(new(Instrument: InstrumentKind.Strings), "strings", "string section", "violin", "violins", "cello", "viola", "string quartet");
        Add(new(Instrument: InstrumentKind.SynthPad), "pad", "pads", "synth pad", "warm pad", "choir pad");
        Add(new(Instrument: InstrumentKind.SynthLead), "synth", "synth lead", "lead synth", "synthesizer", "arpeggiator", "arp", "saw lead");
        Add(new(Instrument: InstrumentKind.SynthBass), "synth bass", "808", "sub bass", "bassline", "wobble bass", "reese");
        Add(new(Instrument: InstrumentKind.BassGuitar), "bass guitar", "bass", "electric bass", "deep bass", "groovy bass", "slap bass");
        Add(new(Instrument: InstrumentKind.UprightBass), "upright bass", "double bass", "contrabass", "walking bass");
        Add(new(Instrument: InstrumentKind.Brass), "brass", "horns", "horn section", "trumpet", "trombone", "saxophone", "sax", "french horn");
        Add(new(Instrument: InstrumentKind.Organ), "organ", "hammond", "church organ", "b3");
        Add(new(Instrument: InstrumentKind.Bells), "bells", "glockenspiel", "celesta", "music box", "chimes", "vibraphone", "marimba", "mallets");
        Add(new(Instrument: InstrumentKind.SynthPluck), "pluck", "plucks", "synth pluck", "harp", "kalimba");

        Add(new(Singer: SingerKind.Male), "male vocal", "male vocals", "male voice", "male singer", "man", "baritone", "tenor", "male");
        Add(new(Singer: SingerKind.Female), "female vocal", "female vocals", "female voice", "female singer", "woman", "soprano", "alto", "female", "diva");
        Add(new(Singer: SingerKind.Choir), "choir", "choral", "chorus vocals", "gospel choir", "backing choir", "ensemble vocals");
        Add(new(VocalStyle: "rap", Genre: Genre.HipHop), "rap", "rapping", "rapper", "mc", "spoken word", "rhymes", "bars");
        Add(new(VocalStyle: "breathy", Energy: 0.3), "breathy", "whisper", "whispered", "airy");
        Add(new(VocalStyle: "powerful", Energy: 0.85), "belting", "belted", "powerful vocals", "soaring vocals", "strong vocals");
        Add(new(VocalStyle: "vibrato"), "vibrato", "operatic", "opera");
        Add(new(VocalStyle: "raspy", Energy: 0.7), "raspy", "gravelly", "husky");
        return d;
    }
}
