using System.Globalization;
using System.Text;

namespace AudioMusic.Engines.BuiltIn.Vocals.Fallback;

/// <summary>
/// The phonemiser of last resort, used when no real one exists for a language (espeak-ng missing, or without that
/// voice). Latin script is read letter by letter with a language-neutral "continental" reading (vowels as in
/// Italian or Spanish, common digraphs, diacritics folded); Cyrillic and Greek are transliterated to Latin first;
/// any other script cannot be read without a dictionary, so each character (or pair of letters in alphabets) is sung
/// as a placeholder syllable derived from the character. It never returns a word without syllables.
/// </summary>
public sealed class GenericPhonemizer(string language) : IPhonemizer
{
    private static readonly (string Letters, string[] Phonemes)[] Digraphs =
    [
        ("sch", ["SH"]), ("tch", ["CH"]), ("ch", ["CH"]), ("sh", ["SH"]), ("th", ["TH"]), ("ph", ["F"]), ("ng", ["NG"]),
        ("qu", ["K", "W"]), ("ck", ["K"]), ("gh", ["G"]), ("kh", ["HH"]), ("zh", ["ZH"]), ("ts", ["T", "S"]),
        ("dj", ["JH"]), ("ny", ["N", "Y"]), ("nh", ["N", "Y"]), ("lh", ["L", "Y"]), ("ll", ["L"]), ("rr", ["R"]),
        ("ss", ["S"]), ("tt", ["T"]), ("pp", ["P"]), ("mm", ["M"]), ("nn", ["N"]), ("ai", ["AY"]), ("ay", ["AY"]),
        ("au", ["AW"]), ("ei", ["EY"]), ("ey", ["EY"]), ("oi", ["OY"]), ("oy", ["OY"]), ("ou", ["UW"]), ("oo", ["UW"]),
        ("ee", ["IY"]),
    ];

    private static readonly Dictionary<char, string[]> Letters = new()
    {
        ['a'] = ["AA"], ['e'] = ["EH"], ['i'] = ["IY"], ['o'] = ["OW"], ['u'] = ["UW"], ['b'] = ["B"], ['d'] = ["D"],
        ['f'] = ["F"], ['g'] = ["G"], ['k'] = ["K"], ['l'] = ["L"], ['m'] = ["M"], ['n'] = ["N"], ['p'] = ["P"],
        ['q'] = ["K"], ['r'] = ["R"], ['s'] = ["S"], ['t'] = ["T"], ['v'] = ["V"], ['w'] = ["W"], ['x'] = ["K", "S"],
        ['z'] = ["Z"], ['j'] = ["Y"],
        ['č'] = ["CH"], ['ć'] = ["CH"], ['š'] = ["SH"], ['ś'] = ["SH"], ['ž'] = ["ZH"], ['ź'] = ["ZH"], ['ż'] = ["ZH"],
        ['ř'] = ["ZH"], ['ñ'] = ["N", "Y"], ['ň'] = ["N", "Y"], ['ł'] = ["W"], ['ß'] = ["S"], ['þ'] = ["TH"],
        ['ð'] = ["DH"], ['æ'] = ["AE"], ['œ'] = ["EH"], ['ø'] = ["EH"], ['ö'] = ["EH"], ['ő'] = ["EH"], ['ä'] = ["EH"],
        ['ü'] = ["IY"], ['ű'] = ["IY"], ['å'] = ["AO"], ['ç'] = ["S"], ['ş'] = ["SH"], ['ğ'] = ["G"], ['ı'] = ["IH"],
        ['đ'] = ["JH"],
    };

    private static readonly Dictionary<char, string> Cyrillic = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['ґ'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "yo",
        ['є'] = "ye", ['ж'] = "zh", ['з'] = "z", ['и'] = "i", ['і'] = "i", ['ї'] = "yi", ['й'] = "y", ['к'] = "k",
        ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o", ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t",
        ['у'] = "u", ['ў'] = "w", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "shch",
        ['ъ'] = "", ['ы'] = "i", ['ь'] = "", ['э'] = "e", ['ю'] = "yu", ['я'] = "ya", ['ј'] = "y", ['љ'] = "ly",
        ['њ'] = "ny", ['ћ'] = "ch", ['ђ'] = "dj", ['џ'] = "dj", ['ә'] = "a", ['ө'] = "o", ['ү'] = "u", ['ң'] = "ng",
        ['ҳ'] = "h", ['қ'] = "k", ['ғ'] = "g", ['ӣ'] = "i", ['ӯ'] = "u",
    };

    private static readonly Dictionary<char, string> Greek = new()
    {
        ['α'] = "a", ['ά'] = "a", ['β'] = "v", ['γ'] = "g", ['δ'] = "d", ['ε'] = "e", ['έ'] = "e", ['ζ'] = "z",
        ['η'] = "i", ['ή'] = "i", ['θ'] = "th", ['ι'] = "i", ['ί'] = "i", ['ϊ'] = "i", ['κ'] = "k", ['λ'] = "l",
        ['μ'] = "m", ['ν'] = "n", ['ξ'] = "x", ['ο'] = "o", ['ό'] = "o", ['π'] = "p", ['ρ'] = "r", ['σ'] = "s",
        ['ς'] = "s", ['τ'] = "t", ['υ'] = "i", ['ύ'] = "i", ['φ'] = "f", ['χ'] = "kh", ['ψ'] = "ps", ['ω'] = "o",
        ['ώ'] = "o",
    };

    private static readonly string[] PlaceholderOnsets = ["L", "N", "D", "M", "Y", "T"];
    private static readonly string[] PlaceholderVowels = ["AA", "IY", "UW", "EH", "OW"];

    public string Language => language;

    public IReadOnlyList<SyllabifiedWord> Syllabify(string line)
    {
        var words = new List<SyllabifiedWord>();
        foreach (var word in LyricTokenizer.Words(line))
        {
            var latin = ToLatin(word);
            IReadOnlyList<Syllable> syllables;
            if (latin is null)
            {
                syllables = Placeholders(word);
            }
            else
            {
                var phonemes = ReadLatin(latin);
                syllables = phonemes.Count > 0
                    ? Syllabifier.Syllabify(word, phonemes, english: false, stressMarked: false)
                    : Placeholders(word);
            }
            words.Add(new SyllabifiedWord(word, syllables));
        }
        return words;
    }

    /// <summary>The word in lower-case Latin letters, or null when it is in a script this class cannot read.</summary>
    private static string? ToLatin(string word)
    {
        var builder = new StringBuilder(word.Length);
        foreach (var raw in word.ToLowerInvariant())
        {
            if (raw == '\'' || char.GetUnicodeCategory(raw) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsAsciiDigit(raw))
            {
                builder.Append(raw);
            }
            else if (Cyrillic.TryGetValue(raw, out var fromCyrillic))
            {
                builder.Append(fromCyrillic);
            }
            else if (Greek.TryGetValue(raw, out var fromGreek))
            {
                builder.Append(fromGreek);
            }
            else if (raw < 0x250 && char.IsLetter(raw))
            {
                builder.Append(FoldAccent(raw));
            }
            else
            {
                return null;
            }
        }
        return builder.ToString();
    }

    /// <summary>Accented vowels read as the plain vowel; letters with their own sound (č, ñ, ø...) are kept.</summary>
    private static char FoldAccent(char letter) => letter switch
    {
        'à' or 'á' or 'â' or 'ã' or 'ā' or 'ă' or 'ą' => 'a',
        'è' or 'é' or 'ê' or 'ë' or 'ē' or 'ė' or 'ę' or 'ě' => 'e',
        'ì' or 'í' or 'î' or 'ï' or 'ī' or 'į' => 'i',
        'ò' or 'ó' or 'ô' or 'õ' or 'ō' => 'o',
        'ù' or 'ú' or 'û' or 'ū' or 'ů' or 'ų' => 'u',
        'ý' or 'ÿ' => 'y',
        'ď' => 'd',
        'ť' => 't',
        'ľ' or 'ĺ' => 'l',
        'ŕ' => 'r',
        'ń' => 'n',
        _ => letter,
    };

    private static List<StressedPhoneme> ReadLatin(string letters)
    {
        var phonemes = new List<StressedPhoneme>();
        for (var i = 0; i < letters.Length;)
        {
            if (char.IsAsciiDigit(letters[i]))
            {
                // Digits: the English number words are the only ones this class knows.
                var end = i;
                while (end < letters.Length && char.IsAsciiDigit(letters[end]))
                {
                    end++;
                }
                foreach (var number in NumberWords.ForDigits(letters[i..end]))
                {
                    phonemes.AddRange(ReadLatin(number));
                }
                i = end;
                continue;
            }
            var digraph = Digraphs.FirstOrDefault(d => string.CompareOrdinal(letters, i, d.Letters, 0, d.Letters.Length) == 0);
            if (digraph.Letters is not null)
            {
                phonemes.AddRange(digraph.Phonemes.Select(p => new StressedPhoneme(p)));
                i += digraph.Letters.Length;
                continue;
            }
            var letter = letters[i];
            var next = i + 1 < letters.Length ? letters[i + 1] : '\0';
            string[] symbols = letter switch
            {
                // Soft c before front vowels; h is only sounded at the start of a word; y is a consonant before a vowel.
                'c' => next is 'e' or 'i' or 'y' ? ["S"] : ["K"],
                'h' => i == 0 ? ["HH"] : [],
                'y' => "aeiou".Contains(next) ? ["Y"] : ["IY"],
                _ => Letters.GetValueOrDefault(letter, []),
            };
            phonemes.AddRange(symbols.Select(p => new StressedPhoneme(p)));
            i++;
        }
        return phonemes;
    }

    /// <summary>
    /// Placeholder syllables for scripts without a reading here: one per character for syllabic scripts (Han, kana,
    /// Hangul), one per two letters otherwise; consonant and vowel are picked from the character code so that
    /// different words sound different, but this is a vocalise, not a pronunciation.
    /// </summary>
    private static IReadOnlyList<Syllable> Placeholders(string word)
    {
        var characters = word.Where(char.IsLetterOrDigit).ToArray();
        if (characters.Length == 0)
        {
            characters = [.. word];
        }
        var syllabic = characters.All(IsSyllabicScript);
        var count = syllabic ? characters.Length : Math.Max(1, (characters.Length + 1) / 2);
        var pieces = SpellingSplitter.Split(word, count);
        var syllables = new List<Syllable>(count);
        for (var s = 0; s < count; s++)
        {
            int code = characters[Math.Min(s * (syllabic ? 1 : 2), characters.Length - 1)];
            syllables.Add(new Syllable(
                pieces[s],
                [PlaceholderOnsets[code % PlaceholderOnsets.Length]],
                PlaceholderVowels[code / PlaceholderOnsets.Length % PlaceholderVowels.Length],
                [],
                s == 0));
        }
        return syllables;
    }

    private static bool IsSyllabicScript(char c) =>
        c is >= '\u3040' and <= '\u30FF'      // kana
            or >= '\u3400' and <= '\u9FFF'    // CJK ideographs
            or >= '\uAC00' and <= '\uD7AF'    // Hangul syllables
            or >= '\uF900' and <= '\uFAFF';
}
