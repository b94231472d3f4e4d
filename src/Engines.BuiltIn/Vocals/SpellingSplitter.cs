namespace AudioMusic.Engines.BuiltIn.Vocals;

/// <summary>
/// Splits a written word into as many pieces as it has sung syllables, for display and lyric timing. It cuts between
/// the word's vowel-letter groups with the usual hyphenation habits (V-CV, VC-CV, digraphs kept whole) and falls back
/// to cutting in proportion when the spelling and the pronunciation disagree on the count.
/// </summary>
public static class SpellingSplitter
{
    private const string VowelLetters = "aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœąęįųėīūāēōăőűı";
    private static readonly string[] Digraphs = ["th", "sh", "ch", "ph", "wh", "gh", "ck", "ng"];

    public static string[] Split(string word, int count)
    {
        if (count <= 1)
        {
            return [word];
        }
        var groups = VowelGroups(word);
        if (groups.Count > count && groups[^1].Start == word.Length - 1 && char.ToLowerInvariant(word[^1]) == 'e')
        {
            groups.RemoveAt(groups.Count - 1);
        }
        return groups.Count == count ? SplitAtGroups(word, groups) : SplitEvenly(word, count);
    }

    private static List<(int Start, int End)> VowelGroups(string word)
    {
        var groups = new List<(int Start, int End)>();
        for (var i = 0; i < word.Length; i++)
        {
            if (!IsVowelLetter(word, i))
            {
                continue;
            }
            var start = i;
            while (i + 1 < word.Length && IsVowelLetter(word, i + 1))
            {
                i++;
            }
            groups.Add((start, i + 1));
        }
        return groups;
    }

    private static bool IsVowelLetter(string word, int index)
    {
        var letter = char.ToLowerInvariant(word[index]);
        if (letter == 'y')
        {
            // Word-initial y before a vowel is a consonant ("you", "yes").
            return !(index == 0 && index + 1 < word.Length && VowelLetters.Contains(char.ToLowerInvariant(word[index + 1])));
        }
        return VowelLetters.Contains(letter);
    }

    private static string[] SplitAtGroups(string word, List<(int Start, int End)> groups)
    {
        var cuts = new List<int> { 0 };
        for (var g = 1; g < groups.Count; g++)
        {
            var from = groups[g - 1].End;
            var to = groups[g].Start;
            var consonants = to - from;
            var cut = consonants switch
            {
                0 => to,
                1 => from,
                _ when consonants == 2 && IsDigraph(word, from) => from,
                _ when IsDigraph(word, from) => from + 2,
                _ => from + 1,
            };
            cuts.Add(cut);
        }
        cuts.Add(word.Length);
        return [.. Enumerable.Range(0, groups.Count).Select(i => word[cuts[i]..cuts[i + 1]])];
    }

    private static bool IsDigraph(string word, int index) =>
        index + 1 < word.Length && Digraphs.Contains(word.Substring(index, 2).ToLowerInvariant());

    private static string[] SplitEvenly(string word, int count)
    {
        var pieces = new string[count];
        for (var i = 0; i < count; i++)
        {
            var start = (int)Math.Round((double)i * word.Length / count);
            var end = (int)Math.Round((double)(i + 1) * word.Length / count);
            pieces[i] = word[start..end];
        }
        return pieces;
    }
}
