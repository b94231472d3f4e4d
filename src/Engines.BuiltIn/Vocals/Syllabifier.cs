namespace AudioMusic.Engines.BuiltIn.Vocals;

/// <summary>A phoneme with the stress of the syllable it is the nucleus of (0 none, 1 primary, 2 secondary).</summary>
public readonly record struct StressedPhoneme(string Symbol, int Stress = 0);

/// <summary>
/// Groups a word's phonemes into syllables by the maximal-onset principle: every vowel is a nucleus, and of the
/// consonants between two vowels the next syllable takes the longest run that can begin a word (a legal onset);
/// the rest close the syllable before. English has a fixed list of legal onsets; for other languages a cluster is a
/// legal onset when its sonority rises toward the vowel (obstruent, then nasal, liquid or glide), plus s-clusters.
/// </summary>
public static class Syllabifier
{
    private static readonly HashSet<string> EnglishOnsets = new(StringComparer.Ordinal)
    {
        "P R", "P L", "B R", "B L", "T R", "D R", "K R", "K L", "G R", "G L", "F R", "F L", "TH R", "SH R",
        "S P", "S T", "S K", "S M", "S N", "S L", "S W", "S F", "T W", "D W", "K W", "G W", "TH W", "P Y", "B Y", "F Y",
        "K Y", "M Y", "V Y", "HH Y", "S P R", "S P L", "S T R", "S K R", "S K W", "S K Y", "S P Y",
    };

    private static readonly Dictionary<string, int> Sonority = new(StringComparer.Ordinal)
    {
        ["P"] = 1, ["B"] = 1, ["T"] = 1, ["D"] = 1, ["K"] = 1, ["G"] = 1, ["CH"] = 1, ["JH"] = 1,
        ["F"] = 2, ["V"] = 2, ["TH"] = 2, ["DH"] = 2, ["S"] = 2, ["Z"] = 2, ["SH"] = 2, ["ZH"] = 2, ["HH"] = 2,
        ["M"] = 3, ["N"] = 3, ["NG"] = 3, ["L"] = 4, ["R"] = 4, ["W"] = 5, ["Y"] = 5,
    };

    /// <summary>
    /// Syllables of a word; <paramref name="text"/> is split over them by <see cref="SpellingSplitter"/>. When
    /// <paramref name="stressMarked"/> the phonemes carry real stress (a word may have none, like "the"); otherwise
    /// the penultimate syllable, the most common stress position across languages, is taken as stressed.
    /// </summary>
    public static IReadOnlyList<Syllable> Syllabify(string text, IReadOnlyList<StressedPhoneme> phonemes, bool english, bool stressMarked)
    {
        var nuclei = new List<int>();
        for (var i = 0; i < phonemes.Count; i++)
        {
            if (Arpabet.IsVowel(phonemes[i].Symbol))
            {
                nuclei.Add(i);
            }
        }
        if (nuclei.Count == 0)
        {
            // A word with no vowel ("hmm", "shh", a lone consonant) is sung on a neutral vowel after its consonants.
            return [new Syllable(text, [.. phonemes.Select(p => p.Symbol)], "AH", [], !stressMarked)];
        }

        // Start index (in phonemes) of each syllable.
        var starts = new int[nuclei.Count];
        for (var s = 1; s < nuclei.Count; s++)
        {
            var clusterStart = nuclei[s - 1] + 1;
            var clusterEnd = nuclei[s];
            var onsetStart = clusterEnd;
            for (var candidate = clusterStart; candidate < clusterEnd; candidate++)
            {
                if (IsLegalOnset(phonemes, candidate, clusterEnd, english))
                {
                    onsetStart = candidate;
                    break;
                }
            }
            starts[s] = onsetStart;
        }

        var guessedStress = Math.Max(nuclei.Count - 2, 0);
        var pieces = SpellingSplitter.Split(text, nuclei.Count);
        var syllables = new List<Syllable>(nuclei.Count);
        for (var s = 0; s < nuclei.Count; s++)
        {
            var end = s + 1 < nuclei.Count ? starts[s + 1] : phonemes.Count;
            var nucleus = phonemes[nuclei[s]];
            var stressed = stressMarked ? nucleus.Stress == 1 : s == guessedStress;
            syllables.Add(new Syllable(
                pieces[s],
                [.. Enumerable.Range(starts[s], nuclei[s] - starts[s]).Select(i => phonemes[i].Symbol)],
                nucleus.Symbol,
                [.. Enumerable.Range(nuclei[s] + 1, end - nuclei[s] - 1).Select(i => phonemes[i].Symbol)],
                stressed));
        }
        return syllables;
    }

    private static bool IsLegalOnset(IReadOnlyList<StressedPhoneme> phonemes, int from, int to, bool english)
    {
        var cluster = Enumerable.Range(from, to - from).Select(i => phonemes[i].Symbol).ToArray();
        if (cluster.Length == 1)
        {
            return cluster[0] != "NG";
        }
        if (english)
        {
            return EnglishOnsets.Contains(string.Join(' ', cluster));
        }
        if (cluster[0] == "S" && cluster.Length <= 3)
        {
            return IsRisingSonority(cluster.AsSpan(1)) || cluster.Length == 2;
        }
        return IsRisingSonority(cluster);
    }

    private static bool IsRisingSonority(ReadOnlySpan<string> cluster)
    {
        if (cluster.Length > 2)
        {
            return false;
        }
        for (var i = 1; i < cluster.Length; i++)
        {
            var previous = Sonority.GetValueOrDefault(cluster[i - 1], 1);
            var current = Sonority.GetValueOrDefault(cluster[i], 1);
            // Obstruent + liquid/glide ("tr", "pl", "bj") rises enough; nasal + liquid does not begin syllables.
            if (current - previous < 2 || previous >= 3)
            {
                return false;
            }
        }
        return true;
    }
}
