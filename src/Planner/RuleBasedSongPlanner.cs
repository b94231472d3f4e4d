using System.Globalization;
using AudioMusic.Domain;
using AudioMusic.Planner.Captions;
using AudioMusic.Planner.Knowledge;
using AudioMusic.Planner.Lyrics;
using AudioMusic.Planner.Musical;
using AudioMusic.Planner.Query;

namespace AudioMusic.Planner;

/// <summary>Plans a song with hand-written musical knowledge: lexicons for the query, genre and mood tables for the
/// numbers, and template lyric writing with pronunciation-based rhyme. Stateless after construction, so one
/// instance serves every thread. Precedence for every value: the request's field, then the query's words, then
/// knowledge and the seed.</summary>
public sealed class RuleBasedSongPlanner : ISongPlanner
{
    /// <summary>Languages with their own lyric pack; any other vocal language gets English lyrics.</summary>
    private static readonly Dictionary<string, LyricLanguage> LyricLanguages = new(StringComparer.Ordinal)
    {
        ["en"] = EnglishLyrics.Instance,
        ["es"] = SpanishLyrics.Instance,
        ["fr"] = FrenchLyrics.Instance,
        ["de"] = GermanLyrics.Instance,
        ["pt"] = PortugueseLyrics.Instance,
    };

    public string Name => "rules-v1";

    /// <summary>The languages this planner writes lyrics in (ISO 639-1).</summary>
    public static IReadOnlyCollection<string> LyricLanguageCodes => LyricLanguages.Keys;

    public SongPlan Plan(GenerationRequest simpleRequest, int seed)
    {
        ArgumentNullException.ThrowIfNull(simpleRequest);
        seed = Math.Max(0, seed);
        var analysis = QueryAnalyzer.Analyze(simpleRequest.Query);
        var notes = new List<string>();
        var query = analysis.Text.Lower;

        var preset = GenrePresets.Find(simpleRequest.GenrePreset);
        var genre = ChooseGenre(analysis, preset, notes);
        var instrumental = ChooseInstrumental(simpleRequest, analysis, genre, notes);
        var rap = !instrumental && (analysis.AsksForRap || (genre.IsRap && !analysis.AsksForSinging));
        var task = instrumental ? MusicTask.Prompt2Instrumental : rap ? MusicTask.Text2Rap : MusicTask.Text2Music;

        var musical = new MusicalChoices(simpleRequest, analysis, genre, seed, notes);
        var bpm = musical.Bpm();
        var key = musical.Key();
        var meter = musical.Meter();
        var duration = musical.DurationSeconds();

        var vocalLanguage = ChooseVocalLanguage(simpleRequest, analysis, instrumental, notes);
        var theme = analysis.Themes.FirstOrDefault() ?? ThemeCatalog.Default;
        VocalGender? voice = null;
        string? lyrics = null;
        if (!instrumental)
        {
            voice = analysis.VocalGender ?? (PlanRandom.For(seed, query, "voice").Chance(0.5) ? VocalGender.Female : VocalGender.Male);
            lyrics = WriteLyrics(analysis, vocalLanguage, theme, bpm, meter, duration, rap, seed, notes);
        }
        else
        {
            notes.Add($"instrumental form: {InstrumentalForm(genre, duration)}");
        }

        var caption = CaptionWriter.Write(new CaptionFacts(
            genre,
            analysis.Genres,
            analysis.Eras,
            analysis.Moods.Select(m => m.Tag).Concat(analysis.EnergyWords.Select(e => e.Tag)).Distinct(StringComparer.Ordinal).ToList(),
            analysis.Instruments.Count > 0 ? analysis.Instruments : genre.Instruments.Take(3).ToList(),
            voice,
            analysis.VocalStyles,
            instrumental,
            rap,
            bpm,
            key,
            meter,
            CaptionTopic(analysis, theme)));

        return new SongPlan
        {
            Task = task,
            Caption = caption,
            Lyrics = lyrics,
            Instrumental = instrumental,
            Bpm = bpm,
            Key = key,
            TimeSignature = meter,
            DurationSeconds = duration,
            VocalLanguage = vocalLanguage,
            GenrePreset = preset?.Slug ?? genre.PresetSlug,
            Notes = notes,
            Planner = Name,
        };
    }

    private static GenreProfile ChooseGenre(QueryAnalysis analysis, GenrePreset? preset, List<string> notes)
    {
        if (analysis.PrimaryGenre is { } named)
        {
            notes.Add($"genre: {named.Tag} (preset {named.PresetSlug})");
            if (preset is not null && preset.Slug != named.PresetSlug)
            {
                notes.Add($"genre_preset {preset.Slug} kept as requested; the query's genre leads the caption");
            }
            return named;
        }
        if (preset is not null)
        {
            notes.Add($"genre: {preset.Name} from the requested preset");
            return GenreCatalog.ForPreset(preset);
        }
        var fallback = analysis.AsksForRap || analysis.SoundsLikeABeat ? GenreCatalog.HipHop : GenreCatalog.Pop;
        notes.Add($"no genre named: {fallback.Tag} assumed");
        return fallback;
    }

    private static bool ChooseInstrumental(GenerationRequest request, QueryAnalysis analysis, GenreProfile genre, List<string> notes)
    {
        if (request.Instrumental)
        {
            notes.Add("instrumental as requested");
            return true;
        }
        if (analysis.Explicit.InstrumentalPhrase is { } phrase)
        {
            notes.Add($"instrumental: the query says '{phrase}'");
            return true;
        }
        if (analysis.SoundsLikeABeat)
        {
            notes.Add("instrumental: the query asks for a beat");
            return true;
        }
        if (genre.LeansInstrumental && !analysis.AsksForVoice)
        {
            notes.Add($"instrumental: {genre.Tag} without any word asking for a voice");
            return true;
        }
        return false;
    }

    private static string ChooseVocalLanguage(GenerationRequest request, QueryAnalysis analysis, bool instrumental, List<string> notes)
    {
        if (LanguageCodes.TryNormalise(request.VocalLanguage, out var requested) && requested != LanguageCodes.Unknown)
        {
            return requested;
        }
        if (analysis.Explicit.Language is { } named)
        {
            notes.Add($"vocal language {named}: named in the query");
            return named;
        }
        if (instrumental)
        {
            return LanguageCodes.Unknown;
        }
        if (analysis.QueryLanguage is { } detected)
        {
            notes.Add($"vocal language {detected}: detected from the query text");
            return detected;
        }
        notes.Add("vocal language en: the query gives no language evidence");
        return "en";
    }

    private static string WriteLyrics(QueryAnalysis analysis, string vocalLanguage, Theme theme, int bpm, TimeSignature meter,
        double duration, bool rap, int seed, List<string> notes)
    {
        if (!LyricLanguages.TryGetValue(vocalLanguage, out var language))
        {
            language = EnglishLyrics.Instance;
            notes.Add($"no lyric model for '{vocalLanguage}': lyrics written in English, vocal_language kept as '{vocalLanguage}'");
        }
        var topic = LyricTopic(analysis, language, theme);
        var range = SyllableRange.For(bpm, meter, rap);
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"lyrics: {language.Code}, theme {theme.Id}, topic '{topic}', {range.Min}–{range.Max} syllables per line ({range.BarsPerLine} bar(s) at {bpm} bpm in {meter})"));
        var random = PlanRandom.For(seed, analysis.Text.Lower, "lyrics");
        var lyrics = LyricWriter.Write(new LyricBrief(language, theme, topic, range, rap, duration), random);
        // A very long topic phrase in a long rap could exceed the lyrics limit; a shorter form always fits.
        for (var shorter = duration / 2; lyrics.Length > RequestLimits.LyricsMaxLength && shorter >= 1; shorter /= 2)
        {
            lyrics = LyricWriter.Write(new LyricBrief(language, theme, topic, range, rap, shorter), PlanRandom.For(seed, analysis.Text.Lower, "lyrics"));
        }
        return lyrics;
    }

    /// <summary>The query's own topic phrase when it can be sung in the lyric language (same language, or a name);
    /// otherwise the theme's title in the lyric language ("el mar" for an English query about the sea sung in Spanish).</summary>
    private static string LyricTopic(QueryAnalysis analysis, LyricLanguage language, Theme theme)
    {
        var queryLanguage = analysis.QueryLanguage ?? "en";
        if (analysis.TopicPhrase is { } phrase && (analysis.TopicIsName || queryLanguage == language.Code))
        {
            return phrase;
        }
        return LyricWriter.ThemeWordsFor(language.Pack, theme).Title;
    }

    private static string? CaptionTopic(QueryAnalysis analysis, Theme theme)
    {
        if (analysis.TopicPhrase is { } phrase && (analysis.TopicIsName || (analysis.QueryLanguage ?? "en") == "en"))
        {
            return phrase;
        }
        return analysis.Themes.Count > 0 ? LyricWriter.ThemeWordsFor(EnglishLyrics.Instance.Pack, theme).Title : null;
    }

    /// <summary>Without lyrics the engine shapes the piece itself; the note records the form a musician would use.</summary>
    private static string InstrumentalForm(GenreProfile genre, double duration)
    {
        var dance = genre.PresetSlug is "electronic" or "hip-hop" or "lo-fi";
        if (duration < 60)
        {
            return dance ? "intro, groove, outro" : "theme, answer, cadence";
        }
        return dance ? "intro, build, drop, breakdown, drop, outro" : "intro, theme A, theme B, theme A, outro";
    }
}
