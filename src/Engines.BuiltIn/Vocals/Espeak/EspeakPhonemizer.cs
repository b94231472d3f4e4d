namespace AudioMusic.Engines.BuiltIn.Vocals.Espeak;

/// <summary>
/// Phonemises a language through espeak-ng: each word is turned into IPA by the library (one word at a time, so that
/// syllables stay attached to the word they were written in), mapped to ARPAbet with its stress, and syllabified by
/// maximal onset with sonority-based onsets. A word espeak gives no phonemes for is read by <paramref name="fallback"/>.
/// </summary>
internal sealed class EspeakPhonemizer(string language, string voice, EspeakLibrary library, IPhonemizer fallback) : IPhonemizer
{
    public string Language => language;

    public IReadOnlyList<SyllabifiedWord> Syllabify(string line)
    {
        var words = new List<SyllabifiedWord>();
        foreach (var word in LyricTokenizer.Words(line))
        {
            var ipa = library.ToIpa(word, voice) ?? "";
            var phonemes = IpaToArpabet.Convert(ipa);
            if (phonemes.Count == 0 || SpellsOutForeignCharacters(word, ipa))
            {
                words.AddRange(fallback.Syllabify(word));
                continue;
            }
            words.Add(new SyllabifiedWord(word, Syllabifier.Syllabify(word, phonemes, english: false, stressMarked: true)));
        }
        return words;
    }

    /// <summary>
    /// espeak switches to another language, marked "(en)", both for loanwords (fine: "weekend" in French) and to
    /// name characters its voice cannot read (Japanese kanji come out as "Chinese letter"). The second case is
    /// recognised by a language switch on a word that is not in Latin script, and such a word is not sung that way.
    /// </summary>
    private static bool SpellsOutForeignCharacters(string word, string ipa) =>
        ipa.Contains('(') && word.Any(c => char.IsLetter(c) && c > '\u024F');
}
