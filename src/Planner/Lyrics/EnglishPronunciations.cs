using System.Collections.Frozen;

namespace AudioMusic.Planner.Lyrics;

/// <summary>English syllables and rhyme classes. Words of the planner's vocabulary are looked up in an embedded
/// subset of the CMU Pronouncing Dictionary (ARPAbet, stress digits on vowels); any other word — a topic word
/// from the query — falls back to spelling rules.</summary>
internal static class EnglishPronunciations
{
    private static readonly FrozenDictionary<string, string[]> Phonemes = Load();

    public static bool IsKnown(string word) => Phonemes.ContainsKey(word);

    public static int Syllables(string word)
    {
        if (Phonemes.TryGetValue(word, out var phones))
        {
            return phones.Count(IsVowel);
        }
        return SpellingSyllables(word);
    }

    /// <summary>The rhyme class: the last stressed vowel and everything after it ("night" → "AY T"). Words outside
    /// the dictionary get a spelling-based class marked with '~', so they only rhyme with each other.</summary>
    public static string RhymeKey(string word)
    {
        if (Phonemes.TryGetValue(word, out var phones))
        {
            var start = -1;
            for (var i = phones.Length - 1; i >= 0; i--)
            {
                if (IsVowel(phones[i]) && (phones[i][^1] is '1' or '2' || start < 0))
                {
                    start = i;
                    if (phones[i][^1] is '1' or '2')
                    {
                        break;
                    }
                }
            }
            return start < 0 ? string.Join(' ', phones) : string.Join(' ', phones[start..].Select(p => p.TrimEnd('0', '1', '2')));
        }
        return "~" + SpellingRhymeTail(word);
    }

    private static bool IsVowel(string phone) => char.IsAsciiDigit(phone[^1]);

    /// <summary>Vowel groups, minus a silent e before a suffix ("lonely") or at the end ("lake", but not the
    /// syllabic "-le" of "little"), minus the e of a final "-es"/"-ed" that adds no syllable ("loved").</summary>
    internal static int SpellingSyllables(string word)
    {
        if (word.Any(char.IsAsciiDigit))
        {
            return word.Count(char.IsAsciiDigit) + word.Count(c => c == '7');
        }
        var w = new string(word.Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());
        if (w.Length == 0)
        {
            return 0;
        }
        var groups = 0;
        var inGroup = false;
        for (var i = 0; i < w.Length; i++)
        {
            var vowel = IsVowelLetter(w[i]) || (w[i] == 'y' && i > 0);
            if (vowel && !inGroup)
            {
                groups++;
            }
            inGroup = vowel;
        }
        // A silent e before a suffix: "lonely", "forgiveness", "movement", "hopeful", "careless".
        foreach (var suffix in SilentESuffixes)
        {
            if (w.Length > suffix.Length + 2 && w.EndsWith(suffix, StringComparison.Ordinal) && w[^(suffix.Length + 1)] == 'e'
                && !IsVowelLetter(w[^(suffix.Length + 2)]) && groups > 2)
            {
                groups--;
                break;
            }
        }
        if (groups > 1 && w.EndsWith('e') && !(w.EndsWith("le", StringComparison.Ordinal) && w.Length > 2 && !IsVowelLetter(w[^3])))
        {
            groups--;
        }
        else if (groups > 1 && (w.EndsWith("es", StringComparison.Ordinal) || w.EndsWith("ed", StringComparison.Ordinal))
            && w.Length > 3 && !(w[^3] is 't' or 'd' or 's' or 'x' or 'z' or 'c' or 'g' or 'h'))
        {
            groups--;
        }
        return Math.Max(1, groups);
    }

    private static string SpellingRhymeTail(string word)
    {
        var w = word.TrimEnd('e');
        if (w.Length == 0)
        {
            return word;
        }
        var i = w.Length - 1;
        while (i > 0 && !IsVowelLetter(w[i]) && w[i] != 'y')
        {
            i--;
        }
        while (i > 0 && IsVowelLetter(w[i - 1]))
        {
            i--;
        }
        return w[i..];
    }

    private static readonly string[] SilentESuffixes = ["ness", "ment", "ful", "less", "ly"];

    private static bool IsVowelLetter(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static FrozenDictionary<string, string[]> Load()
    {
        var assembly = typeof(EnglishPronunciations).Assembly;
        using var stream = assembly.GetManifestResourceStream("AudioMusic.Planner.pronunciations.txt")
            ?? throw new InvalidOperationException("embedded pronunciation list is missing");
        using var reader = new StreamReader(stream);
        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            map[parts[0]] = parts[1..];
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
