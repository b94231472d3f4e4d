namespace AudioMusic.Engines.BuiltIn.Vocals;

/// <summary>The phoneme inventory shared by phonemisers and the synthesiser: ARPAbet, upper case, no stress digits.</summary>
public static class Arpabet
{
    public static readonly IReadOnlySet<string> Vowels = new HashSet<string>(StringComparer.Ordinal)
    {
        "AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW",
    };

    public static readonly IReadOnlySet<string> Consonants = new HashSet<string>(StringComparer.Ordinal)
    {
        "B", "CH", "D", "DH", "F", "G", "HH", "JH", "K", "L", "M", "N", "NG", "P", "R", "S", "SH", "T", "TH", "V", "W",
        "Y", "Z", "ZH",
    };

    public static bool IsVowel(string phoneme) => Vowels.Contains(phoneme);
}
