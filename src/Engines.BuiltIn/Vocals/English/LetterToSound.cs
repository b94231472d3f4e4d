namespace AudioMusic.Engines.BuiltIn.Vocals.English;

/// <summary>
/// English letter-to-sound rules in the classic context-rule form "left[letters]right = phonemes": scanning the word
/// left to right, the first rule (in order) whose letters match here and whose contexts match around them fires,
/// emits its phonemes and consumes its letters. Context symbols: space = word edge, # = one or more vowels,
/// : = zero or more consonants, ^ = one consonant, . = one voiced consonant, + = a front vowel (e, i, y),
/// % = a suffix (e, es, ed, er, ing, ely) ending the word. The rule set was written for this project.
/// </summary>
internal static class LetterToSound
{
    private const string Vowels = "aeiouy";
    private const string VoicedConsonants = "bdvgjlmnrwz";
    private static readonly string[] Suffixes = ["ely", "ing", "es", "ed", "er", "e"];

    private sealed record Rule(string Left, string Letters, string Right, string[] Phonemes);

    private static readonly Lazy<Dictionary<char, Rule[]>> RulesByLetter = new(ParseRules);

    public static IReadOnlyList<string> Convert(string word)
    {
        var letters = word.ToLowerInvariant();
        var phonemes = new List<string>();
        var position = 0;
        while (position < letters.Length)
        {
            if (!RulesByLetter.Value.TryGetValue(letters[position], out var rules))
            {
                position++;
                continue;
            }
            var fired = false;
            foreach (var rule in rules)
            {
                if (!Matches(letters, position, rule))
                {
                    continue;
                }
                phonemes.AddRange(rule.Phonemes);
                position += rule.Letters.Length;
                fired = true;
                break;
            }
            if (!fired)
            {
                position++;
            }
        }
        return phonemes;
    }

    private static bool Matches(string word, int position, Rule rule)
    {
        if (string.CompareOrdinal(word, position, rule.Letters, 0, rule.Letters.Length) != 0
            || position + rule.Letters.Length > word.Length)
        {
            return false;
        }
        return MatchRight(word, position + rule.Letters.Length, rule.Right, 0)
               && MatchLeft(word, position - 1, rule.Left, rule.Left.Length - 1);
    }

    private static bool IsVowel(string word, int i) => i >= 0 && i < word.Length && Vowels.Contains(word[i]);

    private static bool IsConsonant(string word, int i) => i >= 0 && i < word.Length && char.IsLetter(word[i]) && !Vowels.Contains(word[i]);

    private static bool MatchRight(string word, int i, string pattern, int p)
    {
        for (; p < pattern.Length; p++)
        {
            switch (pattern[p])
            {
                case ' ':
                    if (i < word.Length && char.IsLetter(word[i]))
                    {
                        return false;
                    }
                    break;
                case '#':
                    if (!IsVowel(word, i))
                    {
                        return false;
                    }
                    while (IsVowel(word, i))
                    {
                        i++;
                    }
                    break;
                case ':':
                    while (IsConsonant(word, i))
                    {
                        i++;
                    }
                    break;
                case '^':
                    if (!IsConsonant(word, i++))
                    {
                        return false;
                    }
                    break;
                case '.':
                    if (i >= word.Length || !VoicedConsonants.Contains(word[i++]))
                    {
                        return false;
                    }
                    break;
                case '+':
                    if (i >= word.Length || !"eiy".Contains(word[i++]))
                    {
                        return false;
                    }
                    break;
                case '%':
                    var rest = word[Math.Min(i, word.Length)..];
                    if (!Suffixes.Contains(rest))
                    {
                        return false;
                    }
                    i = word.Length;
                    break;
                default:
                    if (i >= word.Length || word[i++] != pattern[p])
                    {
                        return false;
                    }
                    break;
            }
        }
        return true;
    }

    private static bool MatchLeft(string word, int i, string pattern, int p)
    {
        for (; p >= 0; p--)
        {
            switch (pattern[p])
            {
                case ' ':
                    if (i >= 0 && char.IsLetter(word[i]))
                    {
                        return false;
                    }
                    break;
                case '#':
                    if (!IsVowel(word, i))
                    {
                        return false;
                    }
                    while (IsVowel(word, i))
                    {
                        i--;
                    }
                    break;
                case ':':
                    while (IsConsonant(word, i))
                    {
                        i--;
                    }
                    break;
                case '^':
                    if (!IsConsonant(word, i--))
                    {
                        return false;
                    }
                    break;
                case '.':
                    if (i < 0 || !VoicedConsonants.Contains(word[i--]))
                    {
                        return false;
                    }
                    break;
                case '+':
                    if (i < 0 || !"eiy".Contains(word[i--]))
                    {
                        return false;
                    }
                    break;
                default:
                    if (i < 0 || word[i--] != pattern[p])
                    {
                        return false;
                    }
                    break;
            }
        }
        return true;
    }

    private static Dictionary<char, Rule[]> ParseRules()
    {
        var rules = new List<Rule>();
        foreach (var raw in RuleText.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }
            var open = line.IndexOf('[');
            var close = line.IndexOf(']');
            var equals = line.IndexOf('=', close);
            var left = line[..open].TrimStart();
            var letters = line[(open + 1)..close];
            var right = line[(close + 1)..equals].TrimEnd();
            // A single trailing space in the right context means "word edge"; it is written as "_" to survive trimming.
            var phonemes = line[(equals + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            rules.Add(new Rule(left.Replace('_', ' '), letters, right.Replace('_', ' '), phonemes));
        }
        return rules.GroupBy(r => r.Letters[0]).ToDictionary(g => g.Key, g => g.ToArray());
    }

    // One rule per line; "_" is the word edge. Order matters: specific rules precede the general fallback.
    private const string RuleText = """
        _[a]_ = AH
        [are]_ = AA R
        w[ar] = AO R
        [arr] = AE R
        [ar]# = EH R
        [air] = EH R
        [ai] = EY
        [ay] = EY
        [augh] = AO
        [au] = AO
        [aw] = AO
        [all] = AO L
        [alk] = AO K
        [alm] = AA M
        [ang]e = EY N JH
        #:[age]_ = IH JH
        [ation] = EY SH AH N
        #:[ally]_ = AH L IY
        [able]_ = AH B AH L
        [a]^% = EY
        _:[a]^y_ = EY
        _:[a]_ = EY
        [ar] = AA R
        #:[a]_ = AH
        w[a] = AA
        [a] = AE
        [bb] = B
        [b] = B
        [ch] = CH
        [ck] = K
        [cial] = SH AH L
        [cious] = SH AH S
        [cc]+ = K S
        [cc] = K
        [c]+ = S
        [c] = K
        [dge] = JH
        [dd] = D
        [d] = D
        _:[e]_ = IY
        #:[e]_ = 
        c[es]_ = IH Z
        s[es]_ = IH Z
        x[es]_ = IH Z
        z[es]_ = IH Z
        g[es]_ = IH Z
        h[es]_ = IH Z
        #:[es]_ = Z
        t[ed]_ = IH D
        d[ed]_ = IH D
        k[ed]_ = T
        p[ed]_ = T
        s[ed]_ = T
        h[ed]_ = T
        f[ed]_ = T
        x[ed]_ = T
        #:[ed]_ = D
        #:[en]_ = AH N
        [ea]r = IH
        [eau] = OW
        [eigh] = EY
        [ei] = EY
        [ey]_ = IY
        [ey] = EY
        [ew] = UW
        [ee] = IY
        [ea] = IY
        [ere]_ = IH R
        [err] = EH R
        [er]# = EH R
        [er] = ER
        [e]^% = IY
        [e] = EH
        [ff] = F
        [f] = F
        _[gh] = G
        _[gu]+ = G
        _[gu]a = G
        [gh] = 
        [gn]_ = N
        [gg] = G
        [g]+ = JH
        [g] = G
        [h]# = HH
        [h] = 
        [igh] = AY
        [ind]_ = AY N D
        [ild]_ = AY L D
        [ie]_ = AY
        [ie] = IY
        [ire] = AY ER
        [ir]# = IH R
        [ir] = ER
        [ign]_ = AY N
        [i]mb_ = AY
        [i]^% = AY
        _:[i]^y_ = AY
        _:[i]_ = AY
        [ion] = Y AH N
        [i] = IH
        [j] = JH
        _[kn] = N
        [k] = K
        [ll] = L
        ^[le]_ = AH L
        [l] = L
        [mb]_ = M
        [mm] = M
        [m] = M
        [nk] = NG K
        [ng] = NG
        [nn] = N
        [n] = N
        [oa] = OW
        [oe]_ = OW
        [oi] = OY
        [oy] = OY
        [ook] = UH K
        [oo] = UW
        [ough] = AO
        [ould] = UH D
        [our] = AW ER
        [ou] = AW
        [ow]_ = OW
        [ow] = AW
        [old] = OW L D
        [oll]_ = OW L
        w[orr] = ER
        w[or] = ER
        [orr] = AO R
        w[o]n = AH
        #:[on]_ = AH N
        [ore] = AO R
        [or] = AO R
        [o]^% = OW
        _:[o]^y_ = OW
        [o]_ = OW
        [o] = AA
        [ph] = F
        [pp] = P
        _[ps] = S
        [p] = P
        [qu] = K W
        [q] = K
        _[rh] = R
        [rr] = R
        [r] = R
        [sh] = SH
        [sion] = ZH AH N
        [sch] = S K
        [ss] = S
        #[s]# = Z
        #[s]_ = Z
        .[s]_ = Z
        [s] = S
        [tch] = CH
        [tion] = SH AH N
        [tial] = SH AH L
        [ture] = CH ER
        [th] = TH
        [tt] = T
        [t] = T
        [ue]_ = UW
        [ui] = UW
        [ure] = Y UH R
        [ur] = ER
        [u]^% = UW
        [u] = AH
        [v] = V
        _[wr] = R
        [wh] = W
        [w] = W
        _[x] = Z
        [x] = K S
        _[y]# = Y
        _:[y]_ = AY
        #:[y]_ = IY
        [y]^% = AY
        [y]# = Y
        [y] = IH
        [zz] = Z
        [z] = Z
        """;
}
