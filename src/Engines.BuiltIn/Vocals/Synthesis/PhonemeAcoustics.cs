namespace AudioMusic.Engines.BuiltIn.Vocals.Synthesis;

/// <summary>How a phoneme is produced, which decides the source (voice, aspiration, frication) and its timing.</summary>
internal enum ArticulationClass
{
    Vowel,
    Diphthong,
    Glide,
    Liquid,
    Nasal,
    Plosive,
    Fricative,
    Affricate,
    Aspirate,
}

/// <summary>First three formant frequencies of an adult male voice, in Hz; other registers scale them.</summary>
internal readonly record struct FormantSet(double F1, double F2, double F3)
{
    public FormantSet Lerp(FormantSet to, double amount) =>
        new(F1 + (to.F1 - F1) * amount, F2 + (to.F2 - F2) * amount, F3 + (to.F3 - F3) * amount);
}

/// <summary>
/// Spectrum of the turbulence noise of a fricative or a plosive burst: a band-pass resonance plus a share of
/// flat (high-passed) noise, which is what makes /F/ and /TH/ diffuse while /S/ and /SH/ are sharply peaked.
/// </summary>
internal readonly record struct NoiseShape(double CentreHz, double BandwidthHz, double ResonantGain, double FlatGain)
{
    public static readonly NoiseShape None = new(3000, 3000, 0, 0);
}

/// <summary>
/// Articulatory targets of one ARPAbet phoneme. <see cref="Target"/> is the steady state (or the locus a consonant
/// pulls neighbouring vowels toward); diphthongs glide to <see cref="GlideTarget"/>. <see cref="AntiformantHz"/> is the
/// nasal zero that gives /M N NG/ their murmur (0 for oral sounds).
/// </summary>
internal sealed record PhonemeAcoustics(
    string Symbol,
    ArticulationClass Class,
    bool Voiced,
    FormantSet Target,
    FormantSet GlideTarget,
    double AntiformantHz,
    NoiseShape Noise);

/// <summary>
/// The phoneme table. Vowel formants are averages of published measurements of American English vowels; consonant
/// targets are the usual loci (labials low F2, alveolars near 1700 Hz, velars high F2) and noise spectra.
/// </summary>
internal static class PhonemeTable
{
    private static readonly Dictionary<string, PhonemeAcoustics> BySymbol = Build();

    public static PhonemeAcoustics Neutral => BySymbol["AH"];

    /// <summary>The phoneme's acoustics; an unknown symbol sings as the neutral vowel rather than falling silent.</summary>
    public static PhonemeAcoustics Get(string symbol) =>
        BySymbol.TryGetValue(symbol, out var phoneme) ? phoneme : Neutral;

    private static Dictionary<string, PhonemeAcoustics> Build()
    {
        var table = new Dictionary<string, PhonemeAcoustics>(StringComparer.Ordinal);
        void Vowel(string s, double f1, double f2, double f3) =>
            table[s] = new(s, ArticulationClass.Vowel, true, new(f1, f2, f3), new(f1, f2, f3), 0, NoiseShape.None);
        void Diphthong(string s, FormantSet from, FormantSet to) =>
            table[s] = new(s, ArticulationClass.Diphthong, true, from, to, 0, NoiseShape.None);
        void Consonant(string s, ArticulationClass c, bool voiced, FormantSet locus, double zero, NoiseShape noise) =>
            table[s] = new(s, c, voiced, locus, locus, zero, noise);

        Vowel("IY", 270, 2290, 3010);
        Vowel("IH", 390, 1990, 2550);
        Vowel("EH", 530, 1840, 2480);
        Vowel("AE", 660, 1720, 2410);
        Vowel("AH", 620, 1220, 2550);
        Vowel("AA", 730, 1090, 2440);
        Vowel("AO", 570, 840, 2410);
        Vowel("UH", 440, 1020, 2240);
        Vowel("UW", 300, 870, 2240);
        Vowel("ER", 490, 1350, 1690);
        Diphthong("EY", new(480, 1940, 2550), new(330, 2200, 2800));
        Diphthong("AY", new(710, 1200, 2500), new(350, 2100, 2700));
        Diphthong("AW", new(710, 1150, 2450), new(380, 900, 2300));
        Diphthong("OW", new(540, 950, 2400), new(330, 850, 2300));
        Diphthong("OY", new(560, 880, 2400), new(350, 2050, 2700));

        FormantSet labial = new(250, 900, 2100), alveolar = new(250, 1700, 2600), velar = new(250, 2000, 2300);
        NoiseShape labialBurst = new(900, 1800, 0.7, 0.15);
        NoiseShape alveolarBurst = new(4000, 3000, 1.0, 0.3);
        NoiseShape velarBurst = new(2000, 900, 1.0, 0.1);
        Consonant("P", ArticulationClass.Plosive, false, labial, 0, labialBurst);
        Consonant("B", ArticulationClass.Plosive, true, labial, 0, labialBurst);
        Consonant("T", ArticulationClass.Plosive, false, alveolar, 0, alveolarBurst);
        Consonant("D", ArticulationClass.Plosive, true, alveolar, 0, alveolarBurst);
        Consonant("K", ArticulationClass.Plosive, false, velar, 0, velarBurst);
        Consonant("G", ArticulationClass.Plosive, true, velar, 0, velarBurst);

        // Levels relative to each other follow speech: /SH/ is the loudest fricative, then /S/; /F/ and /TH/ are weak.
        NoiseShape sibilant = new(5500, 2500, 1.3, 0.05);
        NoiseShape postalveolar = new(2800, 1600, 2.0, 0.05);
        NoiseShape labiodental = new(6000, 6000, 0.12, 0.15);
        NoiseShape dental = new(5000, 5000, 0.1, 0.12);
        Consonant("S", ArticulationClass.Fricative, false, new(300, 1700, 2600), 0, sibilant);
        Consonant("Z", ArticulationClass.Fricative, true, new(300, 1700, 2600), 0, sibilant);
        Consonant("SH", ArticulationClass.Fricative, false, new(300, 1900, 2500), 0, postalveolar);
        Consonant("ZH", ArticulationClass.Fricative, true, new(300, 1900, 2500), 0, postalveolar);
        Consonant("F", ArticulationClass.Fricative, false, new(300, 1100, 2100), 0, labiodental);
        Consonant("V", ArticulationClass.Fricative, true, new(300, 1100, 2100), 0, labiodental);
        Consonant("TH", ArticulationClass.Fricative, false, new(300, 1400, 2600), 0, dental);
        Consonant("DH", ArticulationClass.Fricative, true, new(300, 1400, 2600), 0, dental);
        Consonant("CH", ArticulationClass.Affricate, false, new(300, 1900, 2500), 0, postalveolar);
        Consonant("JH", ArticulationClass.Affricate, true, new(300, 1900, 2500), 0, postalveolar);
        // /HH/ borrows the formants of the vowel it precedes; the locus here is only used when none follows.
        Consonant("HH", ArticulationClass.Aspirate, false, new(620, 1220, 2550), 0, NoiseShape.None);

        Consonant("M", ArticulationClass.Nasal, true, new(270, 1000, 2200), 800, NoiseShape.None);
        Consonant("N", ArticulationClass.Nasal, true, new(270, 1500, 2600), 1500, NoiseShape.None);
        Consonant("NG", ArticulationClass.Nasal, true, new(270, 2000, 2700), 2800, NoiseShape.None);
        Consonant("L", ArticulationClass.Liquid, true, new(360, 1100, 2700), 0, NoiseShape.None);
        Consonant("R", ArticulationClass.Liquid, true, new(330, 1060, 1380), 0, NoiseShape.None);
        Consonant("W", ArticulationClass.Glide, true, new(290, 610, 2150), 0, NoiseShape.None);
        Consonant("Y", ArticulationClass.Glide, true, new(260, 2070, 3020), 0, NoiseShape.None);
        return table;
    }
}
