using System.Text;

namespace AudioMusic.Planner.Lyrics;

internal sealed class EnglishLyrics : LyricLanguage
{
    public static EnglishLyrics Instance { get; } = new();

    public override string Code => "en";

    public override LyricPack Pack => Packs.EnglishPack.Pack;

    public override int CountWordSyllables(string word) => EnglishPronunciations.Syllables(word);

    public override string RhymeKey(string word) => EnglishPronunciations.RhymeKey(word);
}

/// <summary>Spanish, Portuguese and French count syllables by vowel groups (two strong vowels side by side are
/// two syllables) and rhyme from the stressed vowel to the end of the word, with spellings that sound alike
/// folded together ("v"/"b", "z"/"s").</summary>
internal abstract class SpellingLanguage : LyricLanguage
{
    protected const string Vowels = "aeiouáéíóúàèìòùâêîôûãõäëïöüyœ";

    private static readonly char[] AccentedVowels = "áéíóúâêôãõ".ToCharArray();

    protected static bool IsVowel(char c) => Vowels.Contains(c);

    protected static bool IsStrong(char c) => "aeoáéóàèòâêôãõíú".Contains(c);

    /// <summary>Start indices of the vowel groups of a word.</summary>
    protected static List<int> VowelGroupStarts(string w)
    {
        var starts = new List<int>();
        for (var i = 0; i < w.Length; i++)
        {
            if (IsVowel(w[i]) && (i == 0 || !IsVowel(w[i - 1])))
            {
                starts.Add(i);
            }
        }
        return starts;
    }

    /// <summary>Vowel groups, each split where two strong vowels meet (Spanish "poeta" = po-e-ta).</summary>
    protected static int HiatusSyllables(string w)
    {
        var count = 0;
        for (var i = 0; i < w.Length; i++)
        {
            if (!IsVowel(w[i]))
            {
                continue;
            }
            if (i == 0 || !IsVowel(w[i - 1]) || (IsStrong(w[i]) && IsStrong(w[i - 1])))
            {
                count++;
            }
        }
        return count;
    }

    protected static string StripAccents(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                'á' or 'à' or 'â' or 'ã' or 'ä' => 'a',
                'é' or 'è' or 'ê' or 'ë' => 'e',
                'í' or 'ì' or 'î' or 'ï' => 'i',
                'ó' or 'ò' or 'ô' or 'õ' or 'ö' => 'o',
                'ú' or 'ù' or 'û' or 'ü' => 'u',
                _ => c,
            });
        }
        return sb.ToString();
    }

    /// <summary>Paroxytone languages: the accent mark names the stressed vowel; otherwise words ending in a vowel
    /// (or the given consonants) stress the second-last group, the rest the last.</summary>
    protected static string StressedTail(string w, string penultimateEndings)
    {
        var groups = VowelGroupStarts(w);
        if (groups.Count == 0)
        {
            return w;
        }
        var accented = w.IndexOfAny(AccentedVowels);
        int start;
        if (accented >= 0)
        {
            start = accented;
        }
        else if (groups.Count > 1 && (IsVowel(w[^1]) || penultimateEndings.Contains(w[^1])))
        {
            start = groups[^2];
        }
        else
        {
            start = groups[^1];
        }
        // A weak vowel before the stressed one belongs to the onset ("canción" rhymes on "on", not "ion").
        while (start + 1 < w.Length && w[start] is 'i' or 'u' && IsVowel(w[start + 1]))
        {
            start++;
        }
        return w[start..];
    }
}

internal sealed class SpanishLyrics : SpellingLanguage
{
    public static SpanishLyrics Instance { get; } = new();

    public override string Code => "es";

    public override LyricPack Pack => Packs.SpanishPack.Pack;

    public override int CountWordSyllables(string word) =>
        word.Any(char.IsAsciiDigit) ? DigitSyllables(word) : Math.Max(1, HiatusSyllables(word.Replace("qu", "q", StringComparison.Ordinal).Replace("gu", "g", StringComparison.Ordinal)));

    public override string RhymeKey(string word) =>
        StripAccents(StressedTail(word, "ns")).Replace('v', 'b').Replace('z', 's').Replace("ll", "y", StringComparison.Ordinal).Replace("h", "", StringComparison.Ordinal);
}

internal sealed class PortugueseLyrics : SpellingLanguage
{
    public static PortugueseLyrics Instance { get; } = new();

    public override string Code => "pt";

    public override LyricPack Pack => Packs.PortuguesePack.Pack;

    public override int CountWordSyllables(string word)
    {
        if (word.Any(char.IsAsciiDigit))
        {
            return DigitSyllables(word);
        }
        // Nasal diphthongs are one syllable: "coração" = co-ra-ção.
        var w = word.Replace("ão", "ã", StringComparison.Ordinal).Replace("õe", "õ", StringComparison.Ordinal)
            .Replace("ãe", "ã", StringComparison.Ordinal).Replace("qu", "q", StringComparison.Ordinal).Replace("gu", "g", StringComparison.Ordinal);
        return Math.Max(1, HiatusSyllables(w));
    }

    /// <summary>Words in -ão and -ões are stressed on that ending; otherwise the paroxytone rule with -s and -m.</summary>
    public override string RhymeKey(string word)
    {
        if (word.EndsWith("ão", StringComparison.Ordinal))
        {
            return "aum";
        }
        if (word.EndsWith("ões", StringComparison.Ordinal))
        {
            return "oins";
        }
        return StripAccents(StressedTail(word, "sm")).Replace('z', 's').Replace("ss", "s", StringComparison.Ordinal);
    }
}

internal sealed class FrenchLyrics : SpellingLanguage
{
    public static FrenchLyrics Instance { get; } = new();

    public override string Code => "fr";

    public override LyricPack Pack => Packs.FrenchPack.Pack;

    public override int CountWordSyllables(string word)
    {
        if (word.Any(char.IsAsciiDigit))
        {
            return DigitSyllables(word);
        }
        var w = SpokenStem(word);
        var groups = VowelGroupStarts(w).Count;
        return Math.Max(1, groups);
    }

    /// <summary>French rhymes on its last sounded vowel: mute endings are dropped, then spellings of one sound
    /// are folded ("eau", "au", "ô" → o; "ai", "ei", "ê" → è; final "er"/"ez" of a longer word → é; "ain" → in).</summary>
    public override string RhymeKey(string word)
    {
        var w = SpokenStem(word);
        if (VowelGroupStarts(w).Count > 1 && (w.EndsWith("er", StringComparison.Ordinal) || w.EndsWith("ez", StringComparison.Ordinal)))
        {
            w = w[..^2] + "é";
        }
        w = w.Replace("œu", "eu", StringComparison.Ordinal).Replace("eau", "o", StringComparison.Ordinal)
            .Replace("au", "o", StringComparison.Ordinal).Replace('ô', 'o').Replace("ain", "in", StringComparison.Ordinal)
            .Replace("ein", "in", StringComparison.Ordinal).Replace("ai", "è", StringComparison.Ordinal)
            .Replace("ei", "è", StringComparison.Ordinal).Replace('ê', 'è').Replace("oi", "wa", StringComparison.Ordinal)
            .Replace("em", "an", StringComparison.Ordinal).Replace("en", "an", StringComparison.Ordinal)
            .Replace("am", "an", StringComparison.Ordinal);
        var groups = VowelGroupStarts(w);
        return groups.Count == 0 ? w : w[groups[^1]..];
    }

    /// <summary>Drops letters French does not sound at the end of a word: final s, t, x, d, z, p, then a mute
    /// final e (after a consonant in a longer word, or after a vowel: "vie", "pluie").</summary>
    private static string SpokenStem(string word)
    {
        var w = word;
        while (w.Length > 1 && w[^1] is 's' or 't' or 'x' or 'd' or 'z' or 'p')
        {
            w = w[..^1];
        }
        if (w.Length > 2 && w[^1] == 'e' && (VowelGroupStarts(w).Count > 1 || IsVowel(w[^2])))
        {
            w = w[..^1];
        }
        return w;
    }
}

internal sealed class GermanLyrics : SpellingLanguage
{
    public static GermanLyrics Instance { get; } = new();

    public override string Code => "de";

    public override LyricPack Pack => Packs.GermanPack.Pack;

    /// <summary>German digraphs (ei, ie, au, eu, äu, aa, ee, oo) are one vowel, so vowel groups are syllables.</summary>
    public override int CountWordSyllables(string word) =>
        word.Any(char.IsAsciiDigit) ? DigitSyllables(word) : Math.Max(1, VowelGroupStarts(word).Count);

    /// <summary>German stresses the stem: a final unstressed -e, -en, -er, -el moves the rhyme one vowel back.</summary>
    public override string RhymeKey(string word)
    {
        var w = word.Replace("ß", "ss", StringComparison.Ordinal);
        var groups = VowelGroupStarts(w);
        if (groups.Count == 0)
        {
            return w;
        }
        var unstressedEnding = groups.Count > 1 && (w.EndsWith('e') || w.EndsWith("en", StringComparison.Ordinal)
            || w.EndsWith("er", StringComparison.Ordinal) || w.EndsWith("el", StringComparison.Ordinal));
        var tail = w[(unstressedEnding ? groups[^2] : groups[^1])..];
        return tail.Replace("ie", "i", StringComparison.Ordinal).Replace("ah", "a", StringComparison.Ordinal)
            .Replace("eh", "e", StringComparison.Ordinal).Replace("ee", "e", StringComparison.Ordinal)
            .Replace("oo", "o", StringComparison.Ordinal).Replace("ai", "ei", StringComparison.Ordinal)
            .Replace("äu", "eu", StringComparison.Ordinal).Replace('ä', 'e').Replace("dt", "t", StringComparison.Ordinal);
    }
}
