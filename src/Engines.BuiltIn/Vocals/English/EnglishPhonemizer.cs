namespace AudioMusic.Engines.BuiltIn.Vocals.English;

/// <summary>
/// Built-in English phonemiser: exception lexicon first, then the lexicon plus a regular suffix ("dreams",
/// "loved", "singing", "wouldn't"), then letter-to-sound rules with a stress heuristic; syllables by maximal onset.
/// </summary>
public sealed class EnglishPhonemizer : IPhonemizer
{
    private static readonly HashSet<string> Sibilants = new(StringComparer.Ordinal) { "S", "Z", "SH", "ZH", "CH", "JH" };
    private static readonly HashSet<string> Voiceless = new(StringComparer.Ordinal) { "P", "T", "K", "F", "TH", "S", "SH", "CH" };

    // Suffixes tried against the lexicon, longest first; the phonemes of "s" and "ed" depend on the stem's last sound.
    private static readonly string[] SuffixOrder = ["n't", "'ll", "'re", "'ve", "'s", "'d", "ness", "less", "ful", "ing", "in'", "est", "ed", "er", "ly", "es", "s"];

    private static readonly string[] StressSecondPrefixes = ["be", "de", "re", "un", "dis", "mis", "ex", "pre", "con", "com"];

    public string Language => "en";

    public IReadOnlyList<SyllabifiedWord> Syllabify(string line)
    {
        var words = new List<SyllabifiedWord>();
        foreach (var token in LyricTokenizer.Words(line))
        {
            foreach (var word in SplitDigits(token))
            {
                var phonemes = Pronounce(word);
                words.Add(new SyllabifiedWord(word, Syllabifier.Syllabify(word, phonemes, english: true, stressMarked: true)));
            }
        }
        return words;
    }

    /// <summary>Phonemes with stress for one word (letters and apostrophes only).</summary>
    public static IReadOnlyList<StressedPhoneme> Pronounce(string word)
    {
        var key = word.ToLowerInvariant();
        if (EnglishLexicon.TryGet(key, out var known))
        {
            return known;
        }
        if (TryLexiconWithSuffix(key, out var derived))
        {
            return derived;
        }
        var letters = new string(key.Where(char.IsAsciiLetterLower).ToArray());
        var ruled = LetterToSound.Convert(letters.Length > 0 ? letters : key);
        return AssignStress(letters, ruled);
    }

    private static IEnumerable<string> SplitDigits(string token)
    {
        // "24/7" arrives as "24" and "7"; a mixed token such as "2nite" is split into its digit and letter runs.
        var start = 0;
        for (var i = 1; i <= token.Length; i++)
        {
            if (i < token.Length && char.IsAsciiDigit(token[i]) == char.IsAsciiDigit(token[start]))
            {
                continue;
            }
            var run = token[start..i];
            if (char.IsAsciiDigit(run[0]))
            {
                foreach (var number in NumberWords.ForDigits(run))
                {
                    yield return number;
                }
            }
            else
            {
                yield return run;
            }
            start = i;
        }
    }

    private static bool TryLexiconWithSuffix(string word, out StressedPhoneme[] phonemes)
    {
        foreach (var suffix in SuffixOrder)
        {
            if (!word.EndsWith(suffix, StringComparison.Ordinal) || word.Length < suffix.Length + 2)
            {
                continue;
            }
            var stem = word[..^suffix.Length];
            foreach (var candidate in StemCandidates(stem))
            {
                if (EnglishLexicon.TryGet(candidate, out var stemPhonemes))
                {
                    phonemes = [.. stemPhonemes, .. SuffixPhonemes(suffix, stemPhonemes[^1].Symbol)];
                    return true;
                }
            }
        }
        phonemes = [];
        return false;
    }

    private static IEnumerable<string> StemCandidates(string stem)
    {
        yield return stem;
        yield return stem + "e";                                   // loving -> love
        if (stem.Length > 2 && stem[^1] == stem[^2])
        {
            yield return stem[..^1];                               // running -> run
        }
        if (stem.EndsWith('i'))
        {
            yield return stem[..^1] + "y";                         // cried -> cry, happiness -> happy
        }
    }

    private static IEnumerable<StressedPhoneme> SuffixPhonemes(string suffix, string last)
    {
        string[] symbols = suffix switch
        {
            "s" or "es" or "'s" => Sibilants.Contains(last) ? ["IH", "Z"] : Voiceless.Contains(last) ? ["S"] : ["Z"],
            "ed" or "'d" => last is "T" or "D" ? ["IH", "D"] : Voiceless.Contains(last) ? ["T"] : ["D"],
            "ing" => ["IH", "NG"],
            "in'" => ["IH", "N"],
            "er" or "'re" => ["ER"],
            "est" => ["AH", "S", "T"],
            "ly" => ["L", "IY"],
            "ness" => ["N", "AH", "S"],
            "less" => ["L", "AH", "S"],
            "ful" => ["F", "AH", "L"],
            "n't" => ["AH", "N", "T"],
            "'ll" => ["L"],
            "'ve" => ["V"],
            _ => [],
        };
        return symbols.Select(s => new StressedPhoneme(s));
    }

    /// <summary>
    /// Stress for a rule-read word: one syllable is stressed; "-tion", "-ic" and kin stress the syllable before them,
    /// "-ity" and "-ogy" the one before that, "-ee"/"-eer"/"-ese" themselves; common unstressed prefixes ("be-",
    /// "re-", "un-") push stress to the second syllable; otherwise English's default, the first syllable.
    /// </summary>
    internal static IReadOnlyList<StressedPhoneme> AssignStress(string word, IReadOnlyList<string> phonemes)
    {
        var vowelCount = phonemes.Count(Arpabet.IsVowel);
        int stressed;
        if (vowelCount <= 1)
        {
            stressed = 0;
        }
        else if (EndsWithAny(word, "tion", "sion", "cian", "ial", "ian", "ious", "eous", "ic", "ics"))
        {
            stressed = vowelCount - 2;
        }
        else if (EndsWithAny(word, "ity", "ical", "ogy", "ify", "graphy") && vowelCount >= 3)
        {
            stressed = vowelCount - 3;
        }
        else if (EndsWithAny(word, "ee", "eer", "ese", "ette", "oo"))
        {
            stressed = vowelCount - 1;
        }
        else if (StressSecondPrefixes.Any(p => word.StartsWith(p, StringComparison.Ordinal) && word.Length > p.Length + 2
                                                && !"aeiouy".Contains(word[p.Length])))
        {
            stressed = 1;
        }
        else
        {
            stressed = 0;
        }
        var result = new List<StressedPhoneme>(phonemes.Count);
        var vowelIndex = 0;
        foreach (var symbol in phonemes)
        {
            var stress = Arpabet.IsVowel(symbol) ? (vowelIndex++ == stressed ? 1 : 0) : 0;
            result.Add(new StressedPhoneme(symbol, stress));
        }
        return result;
    }

    private static bool EndsWithAny(string word, params string[] endings) =>
        endings.Any(e => word.EndsWith(e, StringComparison.Ordinal));
}
