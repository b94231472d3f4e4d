namespace AudioMusic.Engines.BuiltIn.Vocals;

/// <summary>
/// One sung syllable: the letters it was written with, and its phonemes (ARPAbet, upper case, no stress digits)
/// split into onset consonants, one vowel nucleus and coda consonants.
/// </summary>
public sealed record Syllable(string Text, IReadOnlyList<string> Onset, string Nucleus, IReadOnlyList<string> Coda, bool Stressed);

/// <summary>One word of a lyric line and its syllables in order.</summary>
public sealed record SyllabifiedWord(string Text, IReadOnlyList<Syllable> Syllables);
