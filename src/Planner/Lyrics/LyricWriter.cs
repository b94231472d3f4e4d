using System.Collections.Concurrent;
using System.Text;
using AudioMusic.Domain;
using AudioMusic.Planner.Knowledge;

namespace AudioMusic.Planner.Lyrics;

/// <summary>What the lyric writer is asked for.</summary>
/// <param name="Topic">The phrase to sing as the song's subject ("my dog", "el mar").</param>
internal sealed record LyricBrief(LyricLanguage Language, Theme Theme, string Topic, SyllableRange Range, bool Rap, double DurationSeconds);

/// <summary>Writes structured, rhyming lyrics from a language pack. Every line is a template filled with the topic,
/// an image of the theme and an end phrase from a rhyme class; the template wording (optional words included or
/// not) is chosen so the line's syllables fall in the tempo's range. The chorus is written once and repeated
/// verbatim; verses rhyme in couplets or alternately; rap verses also rhyme inside the line.</summary>
internal static class LyricWriter
{
    private static readonly ConcurrentDictionary<(string Language, string Theme), RhymePool> Pools = new();
    private static readonly ConcurrentDictionary<string, ParsedPack> ParsedPacks = new();

    public static string Write(LyricBrief brief, PlanRandom random)
    {
        var pack = ParsedPacks.GetOrAdd(brief.Language.Code, _ => new ParsedPack(brief.Language));
        var pool = Pools.GetOrAdd((brief.Language.Code, brief.Theme.Id), _ => RhymePool.Build(brief.Language, ThemeWordsFor(brief.Language.Pack, brief.Theme)));
        var state = new LyricLineWriter(brief, pack, pool, random);

        string? chorus = null;
        var sections = new List<string>();
        foreach (var spec in SongForm.Choose(brief.DurationSeconds, brief.Range, brief.Rap))
        {
            var tag = spec.Number is { } n ? $"[{spec.Kind.ToTag()} {n}]" : $"[{spec.Kind.ToTag()}]";
            var lines = spec.Kind switch
            {
                SectionKind.Intro => "",
                SectionKind.Chorus => chorus ??= string.Join('\n', state.WriteChorus(spec.Lines)),
                SectionKind.Verse when brief.Rap => string.Join('\n', state.WriteRapVerse(spec.Lines)),
                SectionKind.Verse => string.Join('\n', state.WriteSection(pack.Verse, spec.Lines, topicLines: 1)),
                SectionKind.PreChorus => string.Join('\n', state.WriteSection(pack.PreChorus, spec.Lines, topicLines: 0)),
                SectionKind.Bridge => string.Join('\n', state.WriteSection(pack.Bridge, spec.Lines, topicLines: 0)),
                _ => string.Join('\n', state.WriteSection(pack.Outro, spec.Lines, topicLines: 1)),
            };
            sections.Add(lines.Length == 0 ? tag : tag + "\n" + lines);
        }
        return string.Join("\n\n", sections);
    }

    /// <summary>The theme's words in this language, or its fallback theme's, or the pack's general words.</summary>
    public static ThemeWords ThemeWordsFor(LyricPack pack, Theme theme)
    {
        if (pack.Themes.TryGetValue(theme.Id, out var words) || pack.Themes.TryGetValue(theme.Fallback, out words))
        {
            return words;
        }
        return pack.General;
    }
}
