namespace AudioMusic.Engines.BuiltIn.Vocals;

/// <summary>Turns one lyric line into words of syllables that the singing synthesiser can voice.</summary>
public interface IPhonemizer
{
    /// <summary>ISO 639-1 code of the language this phonemiser really phonemises ("en" for the built-in English).</summary>
    string Language { get; }

    /// <summary>The words of one lyric line, punctuation dropped; every word has at least one syllable.</summary>
    IReadOnlyList<SyllabifiedWord> Syllabify(string line);
}
