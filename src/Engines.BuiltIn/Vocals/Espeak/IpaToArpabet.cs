using System.Text;

namespace AudioMusic.Engines.BuiltIn.Vocals.Espeak;

/// <summary>
/// Maps espeak-ng's IPA (phonemes separated by '_', words by spaces, stress marks ˈ ˌ before the stressed vowel)
/// onto the ARPAbet inventory the synthesiser sings. Sounds English lacks go to the nearest English phoneme
/// (front rounded vowels to their unrounded partners, /x/ to /HH/, the trill and tap to /R/, palatal nasal to N+Y).
/// </summary>
internal static class IpaToArpabet
{
    // Multi-letter phonemes (diphthongs, affricates) and r-coloured vowels; looked up after diacritics are removed.
    private static readonly Dictionary<string, string[]> Clusters = new(StringComparer.Ordinal)
    {
        ["aɪ"] = ["AY"], ["ai"] = ["AY"], ["ɑɪ"] = ["AY"],
        ["aʊ"] = ["AW"], ["au"] = ["AW"], ["ɑʊ"] = ["AW"],
        ["eɪ"] = ["EY"], ["ei"] = ["EY"], ["ɛɪ"] = ["EY"],
        ["oʊ"] = ["OW"], ["əʊ"] = ["OW"], ["ou"] = ["OW"],
        ["ɔɪ"] = ["OY"], ["oi"] = ["OY"], ["ɔʏ"] = ["OY"], ["ɔø"] = ["OY"],
        ["ɪə"] = ["IH", "R"], ["eə"] = ["EH", "R"], ["ʊə"] = ["UH", "R"],
        ["tʃ"] = ["CH"], ["tɕ"] = ["CH"], ["ʧ"] = ["CH"], ["tʂ"] = ["CH"],
        ["dʒ"] = ["JH"], ["dʑ"] = ["JH"], ["ʤ"] = ["JH"], ["dʐ"] = ["JH"],
        ["ts"] = ["T", "S"], ["dz"] = ["D", "Z"], ["pf"] = ["P", "F"],
        ["ɚ"] = ["ER"], ["ɝ"] = ["ER"],
    };

    private static readonly Dictionary<char, string[]> Singles = new()
    {
        ['i'] = ["IY"], ['y'] = ["IY"], ['ɪ'] = ["IH"], ['ʏ'] = ["IH"], ['ɨ'] = ["IH"], ['e'] = ["EH"], ['ø'] = ["EH"],
        ['ɛ'] = ["EH"], ['œ'] = ["EH"], ['æ'] = ["AE"], ['a'] = ["AA"], ['ä'] = ["AA"], ['ɑ'] = ["AA"], ['ɒ'] = ["AA"],
        ['ɐ'] = ["AH"], ['ə'] = ["AH"], ['ʌ'] = ["AH"], ['ɜ'] = ["ER"], ['ɘ'] = ["AH"], ['ɵ'] = ["UH"], ['ɤ'] = ["UH"],
        ['ʊ'] = ["UH"], ['u'] = ["UW"], ['ʉ'] = ["UW"], ['ɯ'] = ["UW"], ['o'] = ["OW"], ['ɔ'] = ["AO"],
        ['p'] = ["P"], ['b'] = ["B"], ['t'] = ["T"], ['d'] = ["D"], ['ʈ'] = ["T"], ['ɖ'] = ["D"], ['c'] = ["K"],
        ['ɟ'] = ["G"], ['k'] = ["K"], ['g'] = ["G"], ['ɡ'] = ["G"], ['q'] = ["K"], ['ɢ'] = ["G"],
        ['m'] = ["M"], ['ɱ'] = ["M"], ['n'] = ["N"], ['ɳ'] = ["N"], ['ɲ'] = ["N", "Y"], ['ŋ'] = ["NG"], ['ɴ'] = ["NG"],
        ['r'] = ["R"], ['ɾ'] = ["R"], ['ɹ'] = ["R"], ['ʀ'] = ["R"], ['ʁ'] = ["R"], ['ɻ'] = ["R"], ['ɽ'] = ["R"],
        ['f'] = ["F"], ['v'] = ["V"], ['β'] = ["V"], ['ʋ'] = ["V"], ['θ'] = ["TH"], ['ð'] = ["DH"], ['s'] = ["S"],
        ['z'] = ["Z"], ['ʃ'] = ["SH"], ['ʒ'] = ["ZH"], ['ɕ'] = ["SH"], ['ʑ'] = ["ZH"], ['ʂ'] = ["SH"], ['ʐ'] = ["ZH"],
        ['ç'] = ["SH"], ['x'] = ["HH"], ['χ'] = ["HH"], ['ɣ'] = ["G"], ['h'] = ["HH"], ['ɦ'] = ["HH"], ['ħ'] = ["HH"],
        ['ʕ'] = ["HH"], ['l'] = ["L"], ['ɫ'] = ["L"], ['ɭ'] = ["L"], ['ʎ'] = ["L", "Y"], ['ɬ'] = ["SH"], ['j'] = ["Y"],
        ['w'] = ["W"], ['ɥ'] = ["W"], ['ɰ'] = ["W"],
    };

    /// <summary>Phonemes of one espeak word or word group; stress 1 for ˈ, 2 for ˌ.</summary>
    public static List<StressedPhoneme> Convert(string ipa)
    {
        var result = new List<StressedPhoneme>();
        var pendingStress = 0;
        // Language-switch markers such as "(en)" carry no sound.
        foreach (var rawToken in StripSwitchMarkers(ipa).Split(['_', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (rawToken.Contains('ˈ'))
            {
                pendingStress = 1;
            }
            else if (rawToken.Contains('ˌ') && pendingStress == 0)
            {
                pendingStress = 2;
            }
            var token = Clean(rawToken);
            if (token.Length == 0)
            {
                continue;
            }
            foreach (var symbol in Map(token))
            {
                if (Arpabet.IsVowel(symbol))
                {
                    result.Add(new StressedPhoneme(symbol, pendingStress));
                    pendingStress = 0;
                }
                else
                {
                    result.Add(new StressedPhoneme(symbol));
                }
            }
        }
        return result;
    }

    private static IEnumerable<string> Map(string token)
    {
        if (Clusters.TryGetValue(token, out var cluster))
        {
            return cluster;
        }
        var symbols = new List<string>();
        for (var i = 0; i < token.Length; i++)
        {
            if (i + 1 < token.Length && Clusters.TryGetValue(token.Substring(i, 2), out var pair))
            {
                symbols.AddRange(pair);
                i++;
            }
            else if (Singles.TryGetValue(token[i], out var single))
            {
                symbols.AddRange(single);
            }
        }
        return symbols;
    }

    /// <summary>Drops stress and length marks and diacritics (nasalisation, palatalisation, tone) from one phoneme.</summary>
    private static string Clean(string token)
    {
        var builder = new StringBuilder(token.Length);
        foreach (var c in token)
        {
            if (Singles.ContainsKey(c) || c is 'ɚ' or 'ɝ' or 'ʧ' or 'ʤ')
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static string StripSwitchMarkers(string ipa)
    {
        var builder = new StringBuilder(ipa.Length);
        var depth = 0;
        foreach (var c in ipa)
        {
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth = Math.Max(depth - 1, 0);
            }
            else if (depth == 0)
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
