using AudioMusic.Planner.Knowledge;

namespace AudioMusic.Planner.Query;

/// <summary>Reads a query into a <see cref="QueryAnalysis"/>: lexicon phrases (genres, moods, instruments, voices,
/// eras, themes), explicit values, the query's language and the topic the lyrics should be about.</summary>
internal static class QueryAnalyzer
{
    private static readonly PhraseIndex<LexiconEntry> Index = new(Lexicon.Entries);

    /// <summary>Function words of the supported languages plus words about the request itself ("song", "track",
    /// "bpm"): none of them is a topic.</summary>
    private static readonly HashSet<string> NotTopic = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "from", "with", "without", "about", "into",
        "over", "under", "is", "are", "was", "be", "it", "its", "this", "that", "these", "those", "some", "any", "very", "really",
        "so", "just", "like", "make", "made", "create", "write", "give", "me", "i", "my", "we", "our", "you", "your", "us", "his",
        "her", "their", "them", "he", "she", "they", "who", "what", "when", "where", "how", "can", "could", "would", "should",
        "please", "want", "need", "something", "kind", "type", "sort", "style", "vibe", "vibes", "feel", "feeling", "sound",
        "sounding", "sounds", "song", "songs", "track", "tracks", "tune", "tunes", "music", "piece", "number", "beat", "beats",
        "instrumental", "vocals", "vocal", "voice", "lyrics", "lyric", "singer", "singing", "sung", "sing", "sings", "rap",
        "rapping", "featuring", "feat", "ft", "bpm", "tempo", "key", "major", "minor", "time", "signature", "minute", "minutes",
        "min", "mins", "second", "seconds", "sec", "secs", "long", "short", "no", "not", "lots", "lot", "more", "less", "little",
        "big", "new", "old", "good", "great", "nice", "cool", "one", "two", "three", "four", "five", "half", "bit", "version",
        "inspired", "influenced", "influences", "elements", "mix", "blend", "meets", "plus", "also", "too", "all", "every",
        "language", "english", "spanish", "french", "german", "portuguese", "italian", "japanese", "korean", "chinese",
        "el", "la", "los", "las", "un", "una", "de", "del", "y", "que", "en", "con", "sobre", "por", "para", "mi", "es", "canción",
        "cancion", "muy", "se", "lo", "al", "tu", "su", "le", "les", "une", "des", "du", "et", "avec", "sur", "pour", "mon", "ma",
        "mes", "est", "chanson", "qui", "dans", "au", "aux", "der", "die", "das", "ein", "eine", "einen", "und", "mit", "über",
        "von", "zu", "im", "ist", "ich", "mein", "meine", "lied", "für", "auf", "den", "dem", "o", "os", "as", "um", "uma", "do",
        "da", "e", "com", "meu", "minha", "canção", "música", "em", "no", "na", "dos", "das", "quiero", "veux", "möchte", "quero",
        "up", "down", "out", "off", "away", "back", "around", "through", "again", "still", "even", "ever", "never",
        "always", "only", "late", "early", "hard", "hitting", "banger", "hit", "jam", "anthem", "ballad",
        "study", "studying", "relax", "relaxing", "sleep", "sleeping", "work", "working", "focus", "gaming", "workout", "to",
        "vocales", "voz", "letra", "paroles", "gesang", "español", "espanol", "français", "francais", "deutsch", "português",
    };

    private static readonly HashSet<string> Determiners = new(StringComparer.Ordinal)
    {
        "my", "your", "our", "his", "her", "their", "the", "a", "an", "this",
        "mi", "tu", "su", "el", "la", "los", "las", "un", "una", "mon", "ma", "mes", "ton", "ta", "le", "les", "une",
        "mein", "meine", "dein", "deine", "der", "die", "das", "ein", "eine", "meu", "minha", "o", "os", "as", "um", "uma",
    };

    /// <summary>Words that introduce the subject, strongest first: "about" beats "for", and Spanish "sobre"
    /// beats the "de" of "canción de amor".</summary>
    private static readonly string[][] TopicIntroducers =
    [
        ["about", "sobre", "sur", "über", "acerca", "regarding"],
        ["for", "dedicated", "de", "to"],
    ];

    private static readonly HashSet<string> RapWords = new(StringComparer.Ordinal)
    {
        "rap", "rapping", "rapper", "rapped", "bars", "freestyle", "mc", "spitting", "verses",
    };

    private static readonly HashSet<string> SingingWords = new(StringComparer.Ordinal)
    {
        "sing", "sings", "singing", "sung", "singer", "melodic", "crooning", "chorus",
    };

    public static QueryAnalysis Analyze(string? query)
    {
        var text = new QueryText(query);
        var matches = Index.FindAll(text.Tokens);
        var claimed = new bool[text.Tokens.Count];

        var genres = new List<(GenreProfile Genre, int Start, int End)>();
        var moods = new List<MoodEntry>();
        var energy = new List<EnergyEntry>();
        var instruments = new List<string>();
        var styles = new List<string>();
        var eras = new List<string>();
        var themes = new List<Theme>();
        VocalGender? gender = null;
        var asksForVoice = false;

        foreach (var match in matches)
        {
            var isThemeOnly = match.Values.All(v => v is ThemeEntry);
            for (var i = match.Start; i < match.End && !isThemeOnly; i++)
            {
                claimed[i] = true;
            }
            foreach (var value in match.Values)
            {
                switch (value)
                {
                    case GenreEntry g when genres.All(x => x.Genre != g.Genre):
                        genres.Add((g.Genre, match.Start, match.End));
                        break;
                    case MoodEntry m:
                        AddOnce(moods, m);
                        if (m.Theme is { } moodTheme && !themes.Contains(moodTheme))
                        {
                            // A mood implies a theme only when nothing more specific is named; it goes last.
                            themes.Add(moodTheme);
                        }
                        break;
                    case EnergyEntry e:
                        AddOnce(energy, e);
                        break;
                    case InstrumentEntry inst:
                        AddOnce(instruments, inst.Tag);
                        break;
                    case VocalGenderEntry v:
                        gender ??= v.Gender;
                        asksForVoice = true;
                        break;
                    case VocalStyleEntry s:
                        AddOnce(styles, s.Tag);
                        asksForVoice = true;
                        break;
                    case VocalCueEntry:
                        asksForVoice = true;
                        break;
                    case EraEntry era:
                        AddOnce(eras, era.Tag);
                        break;
                    case ThemeEntry t when !themes.Contains(t.Theme):
                        themes.Insert(themes.Count(x => !IsMoodTheme(x, moods)), t.Theme);
                        break;
                }
            }
        }

        var words = text.Tokens.Select(t => t.Word).ToHashSet(StringComparer.Ordinal);
        var asksForRap = words.Overlaps(RapWords);
        var asksForSinging = words.Overlaps(SingingWords);
        var explicitValues = ExplicitValueParser.Parse(text.Lower);
        var queryLanguage = LanguageDetector.Detect(text);
        // German capitalises every noun, so a capital letter says nothing about names there.
        var (topicPhrase, topicIsName) = FindTopic(text, claimed, namesByCapital: queryLanguage != "de");

        return new QueryAnalysis
        {
            Text = text,
            Genres = genres.Select(g => g.Genre).ToArray(),
            PrimaryGenre = PickPrimary(genres),
            Moods = moods,
            EnergyWords = energy,
            Instruments = instruments,
            VocalGender = gender,
            VocalStyles = styles,
            AsksForVoice = asksForVoice || asksForRap,
            AsksForRap = asksForRap,
            AsksForSinging = asksForSinging,
            SoundsLikeABeat = (words.Contains("beat") || words.Contains("beats")) && !asksForVoice && !asksForRap,
            Eras = eras,
            Themes = themes,
            TopicPhrase = topicPhrase,
            TopicIsName = topicIsName,
            QueryLanguage = queryLanguage,
            Explicit = explicitValues,
        };
    }

    private static bool IsMoodTheme(Theme theme, List<MoodEntry> moods) => moods.Any(m => m.Theme == theme);

    private static void AddOnce<T>(List<T> list, T item)
    {
        if (!list.Contains(item))
        {
            list.Add(item);
        }
    }

    /// <summary>In "country rock" or "jazz hip hop" the second genre is the head noun and the first a modifier;
    /// otherwise the first genre named leads ("rock with jazz influences").</summary>
    private static GenreProfile? PickPrimary(List<(GenreProfile Genre, int Start, int End)> genres)
    {
        if (genres.Count == 0)
        {
            return null;
        }
        var primary = genres[0];
        foreach (var next in genres.Skip(1))
        {
            if (next.Start == primary.End)
            {
                primary = next;
            }
        }
        return primary.Genre;
    }

    /// <summary>The topic is the first run of unclaimed content words after "about" (or anywhere, without it),
    /// preferring a name, then a noun-like run over a verb in -ing ("about losing my dog" → "my dog"), with the determiner
    /// the query put before it. At most three words, so it fits a lyric line.</summary>
    private static (string? Phrase, bool IsName) FindTopic(QueryText text, bool[] claimed, bool namesByCapital)
    {
        IReadOnlyList<QueryToken> tokens = namesByCapital ? text.Tokens : text.Tokens.Select(t => t with { LooksLikeName = false }).ToList();
        var isContent = new bool[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            isContent[i] = !claimed[i] && !t.FromEmoji && !t.IsNumber && t.Word.Length > 1 && !NotTopic.Contains(t.Word)
                && t.Word.Any(char.IsLetter) && !t.Word.Any(char.IsAsciiDigit);
        }

        var introducer = -1;
        foreach (var tier in TopicIntroducers)
        {
            for (var i = 0; i < tokens.Count && introducer < 0; i++)
            {
                if (tier.Contains(tokens[i].Word) && !claimed[i] && i + 1 < tokens.Count)
                {
                    introducer = i;
                }
            }
        }
        var runs = new List<(int Start, int End)>();
        for (var i = introducer + 1; i < tokens.Count; i++)
        {
            if (!isContent[i])
            {
                continue;
            }
            var start = i;
            while (i < tokens.Count && isContent[i])
            {
                i++;
            }
            runs.Add((start, i));
        }
        if (runs.Count == 0)
        {
            return (null, false);
        }
        // A name ("Brooklyn") is the most specific subject there is; then the first run not ending in a verb in -ing.
        var (runStart, runEnd) = runs.FirstOrDefault(r => tokens[r.Start].LooksLikeName,
            runs.FirstOrDefault(r => !tokens[r.End - 1].Word.EndsWith("ing", StringComparison.Ordinal), runs[0]));
        if (runEnd - runStart > 3)
        {
            runStart = runEnd - 3;
        }
        var phraseTokens = tokens.Skip(runStart).Take(runEnd - runStart).ToList();
        var isName = phraseTokens.All(t => t.LooksLikeName);
        var words = phraseTokens.Select(t => t.LooksLikeName ? t.Original : t.Word).ToList();
        if (runStart > 0 && Determiners.Contains(tokens[runStart - 1].Word) && !isName)
        {
            words.Insert(0, tokens[runStart - 1].Word);
        }
        return (string.Join(' ', words), isName);
    }
}
