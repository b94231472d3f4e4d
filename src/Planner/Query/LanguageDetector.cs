namespace AudioMusic.Planner.Query;

/// <summary>Guesses the language a query is written in: first from its script (kana, Hangul, Han, Cyrillic, Arabic,
/// Hebrew, Devanagari, Greek, Thai), then for Latin-script text from function words and letters that only some
/// languages use (ñ, ß, ã, ç …). Returns null when the text gives no evidence, e.g. "lofi" or "😢".</summary>
internal static class LanguageDetector
{
    private static readonly Dictionary<string, HashSet<string>> StopWords = new(StringComparer.Ordinal)
    {
        ["en"] = ["the", "and", "a", "an", "of", "to", "in", "is", "it", "with", "about", "for", "my", "on", "that", "this", "you", "i",
            "me", "we", "at", "by", "from", "like", "some", "make", "song", "your", "our", "who", "when", "her", "his", "their", "want", "please"],
        ["es"] = ["el", "la", "los", "las", "un", "una", "de", "del", "y", "que", "en", "con", "sobre", "por", "para", "mi", "es",
            "canción", "cancion", "muy", "se", "lo", "al", "tu", "su", "quiero", "como", "pero", "nuestro", "mis", "sus"],
        ["fr"] = ["le", "la", "les", "un", "une", "des", "de", "du", "et", "en", "avec", "sur", "pour", "mon", "ma", "mes", "est",
            "chanson", "qui", "que", "dans", "au", "aux", "très", "je", "veux", "sans", "notre", "nous", "ton", "ta"],
        ["de"] = ["der", "die", "das", "ein", "eine", "einen", "und", "mit", "über", "von", "zu", "im", "ist", "ich", "mein", "meine",
            "lied", "für", "auf", "den", "dem", "nicht", "sehr", "einem", "einer", "unsere", "möchte", "ohne", "wie"],
        ["pt"] = ["o", "a", "os", "as", "um", "uma", "de", "do", "da", "e", "com", "sobre", "para", "meu", "minha", "é", "canção",
            "cancao", "música", "em", "no", "na", "que", "muito", "dos", "das", "sem", "quero", "nossa", "nosso"],
        ["it"] = ["il", "lo", "la", "gli", "le", "un", "una", "di", "e", "con", "su", "per", "mio", "mia", "è", "canzone", "che",
            "del", "della", "nel", "sulla", "voglio", "senza", "nostro"],
        ["nl"] = ["de", "het", "een", "en", "van", "met", "over", "voor", "mijn", "is", "lied", "nummer", "op", "niet", "zonder", "ik", "wil"],
    };

    public static string? Detect(QueryText query)
    {
        if (DetectScript(query.Original) is { } script)
        {
            return script;
        }
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var token in query.Tokens)
        {
            foreach (var (language, words) in StopWords)
            {
                if (words.Contains(token.Word))
                {
                    scores[language] = scores.GetValueOrDefault(language) + 1;
                }
            }
        }
        AddLetterEvidence(query.Lower, scores);
        if (scores.Count == 0)
        {
            return null;
        }
        var ranked = scores.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        // A tie means the words seen ("la", "de") are shared; English wins ties because queries mix in English
        // genre names, and every other language has distinctive words that break the tie.
        if (ranked.Count > 1 && ranked[0].Value == ranked[1].Value)
        {
            return ranked.Any(kv => kv.Key == "en" && kv.Value == ranked[0].Value) ? "en" : ranked[0].Key;
        }
        return ranked[0].Key;
    }

    private static void AddLetterEvidence(string lower, Dictionary<string, double> scores)
    {
        void Add(string language, double weight) => scores[language] = scores.GetValueOrDefault(language) + weight;
        foreach (var c in lower)
        {
            switch (c)
            {
                case 'ñ' or '¿' or '¡': Add("es", 2); break;
                case 'ß' or 'ä' or 'ö' or 'ü': Add("de", 1.5); break;
                case 'ã' or 'õ': Add("pt", 2); break;
                case 'ç': Add("fr", 0.5); Add("pt", 0.5); break;
                case 'è' or 'ê' or 'à' or 'â' or 'î' or 'ô' or 'û' or 'ë' or 'œ': Add("fr", 1); break;
                case 'á' or 'í' or 'ó' or 'ú': Add("es", 0.5); Add("pt", 0.5); break;
            }
        }
    }

    private static string? DetectScript(string text)
    {
        int letters = 0, kana = 0, hangul = 0, han = 0, cyrillic = 0, ukrainian = 0, arabic = 0, hebrew = 0, devanagari = 0, greek = 0, thai = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }
            letters++;
            switch (c)
            {
                case >= '\u3040' and <= '\u30FF': kana++; break;
                case >= '\uAC00' and <= '\uD7AF' or >= '\u1100' and <= '\u11FF': hangul++; break;
                case >= '\u4E00' and <= '\u9FFF': han++; break;
                case >= '\u0400' and <= '\u04FF':
                    cyrillic++;
                    if (c is 'і' or 'ї' or 'є' or 'ґ')
                    {
                        ukrainian++;
                    }
                    break;
                case >= '\u0600' and <= '\u06FF': arabic++; break;
                case >= '\u0590' and <= '\u05FF': hebrew++; break;
                case >= '\u0900' and <= '\u097F': devanagari++; break;
                case >= '\u0370' and <= '\u03FF': greek++; break;
                case >= '\u0E00' and <= '\u0E7F': thai++; break;
            }
        }
        if (letters == 0)
        {
            return null;
        }
        bool Dominant(int count) => count * 10 >= letters * 3;
        if (kana > 0 && Dominant(kana + han))
        {
            return "ja";
        }
        return hangul > 0 && Dominant(hangul) ? "ko"
            : Dominant(han) ? "zh"
            : Dominant(cyrillic) ? (ukrainian > 0 ? "uk" : "ru")
            : Dominant(arabic) ? "ar"
            : Dominant(hebrew) ? "he"
            : Dominant(devanagari) ? "hi"
            : Dominant(greek) ? "el"
            : Dominant(thai) ? "th"
            : null;
    }
}
