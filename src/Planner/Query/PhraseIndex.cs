namespace AudioMusic.Planner.Query;

/// <summary>Where a lexicon phrase was found in the token list, and every meaning the lexicons give it
/// ("party" is both an energy word and a topic).</summary>
internal readonly record struct PhraseMatch<T>(int Start, int Length, IReadOnlyList<T> Values)
{
    public int End => Start + Length;
}

/// <summary>Finds multi-word lexicon phrases ("drum and bass", "female vocals") in a token list, longest match first,
/// without overlaps. Phrases are written with spaces; '-' counts as a space so "lo-fi" and "lo fi" both match.</summary>
internal sealed class PhraseIndex<T>
{
    private readonly Dictionary<string, (string[] Words, List<T> Values)[]> _byFirstWord;

    public PhraseIndex(IEnumerable<(string Phrase, T Value)> entries)
    {
        var byPhrase = new Dictionary<string, (string[] Words, List<T> Values)>(StringComparer.Ordinal);
        foreach (var (phrase, value) in entries)
        {
            var words = Split(phrase);
            if (words.Length == 0)
            {
                continue;
            }
            var key = string.Join(' ', words);
            if (!byPhrase.TryGetValue(key, out var entry))
            {
                byPhrase[key] = entry = (words, []);
            }
            entry.Values.Add(value);
        }
        _byFirstWord = byPhrase.Values
            .GroupBy(e => e.Words[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Words.Length).ToArray(), StringComparer.Ordinal);
    }

    public static string[] Split(string phrase) =>
        phrase.ToLowerInvariant().Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);

    public List<PhraseMatch<T>> FindAll(IReadOnlyList<QueryToken> tokens)
    {
        var matches = new List<PhraseMatch<T>>();
        var i = 0;
        while (i < tokens.Count)
        {
            var matched = 0;
            if (_byFirstWord.TryGetValue(tokens[i].Word, out var candidates))
            {
                foreach (var (words, values) in candidates)
                {
                    if (MatchesAt(tokens, i, words))
                    {
                        matches.Add(new PhraseMatch<T>(i, words.Length, values));
                        matched = words.Length;
                        break;
                    }
                }
            }
            i += Math.Max(matched, 1);
        }
        return matches;
    }

    private static bool MatchesAt(IReadOnlyList<QueryToken> tokens, int start, string[] words)
    {
        if (start + words.Length > tokens.Count)
        {
            return false;
        }
        for (var k = 0; k < words.Length; k++)
        {
            if (tokens[start + k].Word != words[k])
            {
                return false;
            }
        }
        return true;
    }
}
