namespace AudioMusic.Planner.Lyrics;

/// <summary>What the lyric writer needs from a language: counting syllables, telling which words rhyme, and the
/// template and vocabulary pack to write from.</summary>
internal abstract class LyricLanguage
{
    public abstract string Code { get; }

    public abstract LyricPack Pack { get; }

    /// <summary>Syllables of one lower-case word.</summary>
    public abstract int CountWordSyllables(string word);

    /// <summary>Two words rhyme when their keys are equal (and the words differ).</summary>
    public abstract string RhymeKey(string word);

    public int CountSyllables(string text)
    {
        var total = 0;
        foreach (var word in Words(text))
        {
            total += CountWordSyllables(word);
        }
        return total;
    }

    public bool Rhymes(string wordA, string wordB)
    {
        var a = wordA.ToLowerInvariant();
        var b = wordB.ToLowerInvariant();
        return a != b && RhymeKey(a) == RhymeKey(b);
    }

    public static string LastWord(string text)
    {
        var words = Words(text);
        return words.Count == 0 ? "" : words[^1];
    }

    /// <summary>Lower-case words: letters and digits, with inner apostrophes ("don't") kept.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i])
                || (text[i] is '\'' or '’' && i + 1 < text.Length && char.IsLetter(text[i + 1]))))
            {
                i++;
            }
            words.Add(text[start..i].ToLowerInvariant().Replace('’', '\''));
        }
        return words;
    }

    /// <summary>Numbers are sung as words; one syllable per digit is close enough for line fitting ("808": 3).</summary>
    protected static int DigitSyllables(string word) => word.Count(char.IsAsciiDigit) + word.Count(c => c == '7');
}
