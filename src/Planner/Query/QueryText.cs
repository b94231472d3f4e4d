using System.Text;

namespace AudioMusic.Planner.Query;

/// <summary>One word of the query: lower-cased for matching, with its original spelling kept for names.</summary>
internal readonly record struct QueryToken(string Word, string Original, bool FromEmoji)
{
    public bool IsNumber => Word.Length > 0 && Word.All(char.IsAsciiDigit);

    /// <summary>"Paris", "Lisbon" — a capital that is not at the start of the sentence and not from an all-caps query.</summary>
    public bool LooksLikeName { get; init; }
}

/// <summary>The query cleaned for parsing: control characters removed, length bounded, lower-cased, split into
/// word tokens, with a few emoji read as the words they stand for (a 😢 is a mood, a 🎸 an instrument).</summary>
internal sealed class QueryText
{
    private static readonly Dictionary<string, string> EmojiWords = new(StringComparer.Ordinal)
    {
        ["😢"] = "sad", ["😭"] = "sad", ["💔"] = "heartbroken", ["❤"] = "love", ["❤️"] = "love", ["😍"] = "love",
        ["💕"] = "love", ["🔥"] = "energetic", ["🎸"] = "guitar", ["🎹"] = "piano", ["🎷"] = "saxophone",
        ["🎺"] = "trumpet", ["🥁"] = "drums", ["🎻"] = "violin", ["🌊"] = "ocean", ["☀"] = "summer", ["☀️"] = "summer",
        ["🌞"] = "summer", ["🌙"] = "night", ["🌧"] = "rain", ["☔"] = "rain", ["❄"] = "winter", ["❄️"] = "winter",
        ["🚗"] = "road", ["🎉"] = "party", ["🥳"] = "party", ["😊"] = "happy", ["😀"] = "happy", ["😎"] = "chill",
        ["😡"] = "angry", ["🤘"] = "metal", ["🎤"] = "vocals", ["🌌"] = "space", ["🚀"] = "space", ["🏠"] = "home",
    };

    private static readonly int[] EmojiLengths = [2, 1];

    private static readonly HashSet<string> ElidedPrefixes = new(StringComparer.Ordinal) { "d", "l", "j", "qu", "n", "s", "c", "m", "t" };

    /// <summary>Queries are bounded by the validator at 1000 characters; the bound here keeps the planner fast even
    /// when called with something that was never validated.</summary>
    public const int MaxCharacters = 1000;

    public string Original { get; }
    public string Lower { get; }
    public IReadOnlyList<QueryToken> Tokens { get; }
    public bool AllCaps { get; }

    public QueryText(string? query)
    {
        var cleaned = new StringBuilder();
        foreach (var c in (query ?? "").AsSpan(0, Math.Min(query?.Length ?? 0, MaxCharacters)))
        {
            cleaned.Append(char.IsControl(c) || char.IsWhiteSpace(c) ? ' ' : c);
        }
        Original = CollapseSpaces(cleaned.ToString());
        // "R&B" and "r & b" would otherwise split into the letters r and b.
        Lower = Original.ToLowerInvariant().Replace("r & b", "rnb", StringComparison.Ordinal).Replace("r&b", "rnb", StringComparison.Ordinal);
        var letters = Original.Where(char.IsLetter).ToArray();
        AllCaps = letters.Length >= 2 && letters.All(c => !char.IsLower(c));
        Tokens = Tokenise(Original, Lower, AllCaps);
    }

    private static List<QueryToken> Tokenise(string original, string lower, bool allCaps)
    {
        var tokens = new List<QueryToken>();
        // The lower-cased text may be shorter than the original (r&b → rnb), so names are read from the
        // original only when both spellings line up.
        var aligned = original.Length == lower.Length;
        var i = 0;
        var sentenceStart = true;
        while (i < lower.Length)
        {
            var c = lower[i];
            if (char.IsLetterOrDigit(c))
            {
                var start = i;
                while (i < lower.Length && (char.IsLetterOrDigit(lower[i]) || IsInnerApostrophe(lower, i)))
                {
                    i++;
                }
                // French elisions ("d'amour", "l'été") are read as the word after the apostrophe.
                var apostrophe = lower.IndexOfAny(['\'', '’'], start, i - start);
                if (apostrophe > start && ElidedPrefixes.Contains(lower[start..apostrophe]))
                {
                    start = apostrophe + 1;
                }
                var word = lower[start..i];
                var originalWord = aligned ? original[start..i] : word;
                var name = !allCaps && !sentenceStart && char.IsUpper(originalWord[0]) && originalWord.Length > 1;
                tokens.Add(new QueryToken(word, originalWord, false) { LooksLikeName = name });
                sentenceStart = false;
                continue;
            }
            if (c is '.' or '!' or '?')
            {
                sentenceStart = true;
            }
            // Emoji and symbols live above U+2000; spaces and punctuation skip the lookup.
            if (c >= '\u2000' && TryEmoji(lower, i, out var emojiWord, out var length))
            {
                tokens.Add(new QueryToken(emojiWord, emojiWord, true));
                i += length;
                continue;
            }
            i++;
        }
        return tokens;
    }

    private static bool IsInnerApostrophe(string text, int i) =>
        text[i] is '\'' or '’' && i > 0 && i + 1 < text.Length && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]);

    private static bool TryEmoji(string text, int i, out string word, out int length)
    {
        foreach (var len in EmojiLengths)
        {
            if (i + len <= text.Length && EmojiWords.TryGetValue(text.Substring(i, len), out var w))
            {
                word = w;
                length = len;
                return true;
            }
        }
        word = "";
        length = 0;
        return false;
    }

    private static string CollapseSpaces(string text)
    {
        var sb = new StringBuilder(text.Length);
        var lastSpace = true;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                if (!lastSpace)
                {
                    sb.Append(' ');
                }
                lastSpace = true;
            }
            else
            {
                sb.Append(c);
                lastSpace = false;
            }
        }
        return sb.ToString().TrimEnd();
    }
}
