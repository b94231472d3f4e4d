using AudioMusic.Domain;
using AudioMusic.Planner.Lyrics;

namespace AudioMusic.Planner.Tests;

/// <summary>Measures lyrics the way a songwriter would check them: which pairs of lines rhyme, how many syllables
/// each line has, and whether the repeated chorus really repeats.</summary>
internal static class LyricMetrics
{
    public static LyricLanguage LanguageFor(string code) => code switch
    {
        "es" => SpanishLyrics.Instance,
        "fr" => FrenchLyrics.Instance,
        "de" => GermanLyrics.Instance,
        "pt" => PortugueseLyrics.Instance,
        _ => EnglishLyrics.Instance,
    };

    /// <summary>Rhyming pairs ÷ pairs. Each block of four lines counts as rhyming couplets (1-2, 3-4) or alternate
    /// lines (1-3, 2-4), whichever rhymes more; a two-line block is one pair.</summary>
    public static (int Rhyming, int Pairs) RhymePairs(LyricsDocument document, LyricLanguage language)
    {
        var rhyming = 0;
        var pairs = 0;
        foreach (var section in document.Sections.Where(s => s.Lines.Count >= 2))
        {
            var ends = section.Lines.Select(LyricLanguage.LastWord).ToList();
            for (var start = 0; start + 1 < ends.Count; start += 4)
            {
                var block = ends.Skip(start).Take(4).ToList();
                if (block.Count == 4)
                {
                    var couplets = Count(language, (block[0], block[1]), (block[2], block[3]));
                    var alternate = Count(language, (block[0], block[2]), (block[1], block[3]));
                    rhyming += Math.Max(couplets, alternate);
                    pairs += 2;
                }
                else
                {
                    rhyming += Count(language, (block[0], block[1]));
                    pairs += 1;
                }
            }
        }
        return (rhyming, pairs);
    }

    private static int Count(LyricLanguage language, params (string A, string B)[] pairs) =>
        pairs.Count(p => language.Rhymes(p.A, p.B));

    /// <summary>Lines with a word before the end (not the end word itself) in the end word's rhyme class.</summary>
    public static double InternalRhymeRate(IEnumerable<string> lines, LyricLanguage language)
    {
        var list = lines.ToList();
        var withInternal = list.Count(line =>
        {
            var words = LyricLanguage.Words(line);
            var end = words[^1];
            return words.Take(words.Count - 1).Any(w => language.Rhymes(w, end));
        });
        return (double)withInternal / list.Count;
    }
}
