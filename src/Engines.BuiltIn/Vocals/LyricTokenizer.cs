using System.Text;

namespace AudioMusic.Engines.BuiltIn.Vocals;

/// <summary>Splits a lyric line into words: runs of letters, digits and inner apostrophes; all else separates.</summary>
public static class LyricTokenizer
{
    public static IReadOnlyList<string> Words(string line)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var isApostrophe = c is '\'' or '\u2019';
            var inner = isApostrophe && current.Length > 0 && i + 1 < line.Length && char.IsLetter(line[i + 1]);
            if (char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
                    or System.Globalization.UnicodeCategory.SpacingCombiningMark || inner)
            {
                current.Append(isApostrophe ? '\'' : c);
                continue;
            }
            Flush();
        }
        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }
}
