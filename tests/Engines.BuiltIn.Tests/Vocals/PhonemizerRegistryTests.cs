using AudioMusic.Engines.BuiltIn.Vocals;

namespace AudioMusic.Engines.BuiltIn.Tests.Vocals;

public sealed class PhonemizerRegistryTests
{
    private static readonly PhonemizerRegistry Registry = PhonemizerRegistry.CreateDefault();

    private static string Phonemes(SyllabifiedWord word) =>
        string.Join(" ", word.Syllables.SelectMany(s => s.Onset.Append(s.Nucleus).Concat(s.Coda)));

    private static void RequireEspeak() =>
        Assert.True(Registry.HasEspeak,
            "espeak-ng's library (Debian package libespeak-ng1) must be installed for the multilingual vocal tests");

    [Theory]
    [InlineData("en")]
    [InlineData("unknown")]
    [InlineData("EN")]
    [InlineData("en-GB")]
    public void EnglishAndUnknownUseTheBuiltInEnglish(string code)
    {
        Assert.Equal("en", Registry.For(code).Language);
        Assert.Null(Registry.FallbackNote(code));
    }

    [Fact]
    public void SpanishIsPhonemisedByEspeak()
    {
        RequireEspeak();
        var words = Registry.For("es").Syllabify("Quiero cantar, corazón");
        Assert.Equal("es", Registry.For("es").Language);
        Assert.Null(Registry.FallbackNote("es"));
        Assert.Equal(["Quiero", "cantar", "corazón"], words.Select(w => w.Text));
        Assert.Equal([2, 2, 3], words.Select(w => w.Syllables.Count));
        Assert.Equal("K AA N T AA R", Phonemes(words[1]));
        // Spanish stress: can-TAR, co-ra-ZÓN.
        Assert.True(words[1].Syllables[1].Stressed && !words[1].Syllables[0].Stressed);
        Assert.True(words[2].Syllables[2].Stressed);
        Assert.Equal(["T"], words[1].Syllables[1].Onset);
    }

    [Fact]
    public void FrenchIsPhonemisedByEspeak()
    {
        RequireEspeak();
        var words = Registry.For("fr").Syllabify("L'amour, toujours");
        Assert.Null(Registry.FallbackNote("fr"));
        Assert.Equal([2, 2], words.Select(w => w.Syllables.Count));
        Assert.Equal("L AA M UW R", Phonemes(words[0]));
        Assert.Equal("T UW ZH UW R", Phonemes(words[1]));
        Assert.True(words[1].Syllables[1].Stressed, "French stresses the last syllable");
    }

    [Fact]
    public void GermanIsPhonemisedByEspeak()
    {
        RequireEspeak();
        var words = Registry.For("de").Syllabify("Liebe in der Nacht");
        Assert.Null(Registry.FallbackNote("de"));
        Assert.Equal("L IY B AH", Phonemes(words[0]));
        Assert.Equal([2, 1, 1, 1], words.Select(w => w.Syllables.Count));
        Assert.True(words[0].Syllables[0].Stressed);
        Assert.Equal("N AA HH T", Phonemes(words[3]));
    }

    [Fact]
    public void KanjiAreNotReadAsEnglishCharacterNames()
    {
        RequireEspeak();
        // espeak's Japanese voice names kanji ("Chinese letter") instead of reading them; those get placeholder syllables.
        var words = Registry.For("ja").Syllabify("世界");
        var syllables = Assert.Single(words).Syllables;
        Assert.Equal(2, syllables.Count);
    }

    [Theory]
    [InlineData("zh", "你好世界", 4)]
    [InlineData("zu", "Ngiyakuthanda sana", 7)]
    public void LanguagesWithoutAPhonemiserFallBackButStillSing(string code, string line, int syllables)
    {
        var note = Registry.FallbackNote(code);
        Assert.NotNull(note);
        Assert.Contains($"'{code}'", note);
        var words = Registry.For(code).Syllabify(line);
        Assert.Equal(syllables, words.Sum(w => w.Syllables.Count));
        Assert.All(words.SelectMany(w => w.Syllables), s => Assert.True(Arpabet.IsVowel(s.Nucleus)));
    }

    [Theory]
    [InlineData("es", "Quiero cantar contigo")]
    [InlineData("ru", "Привет, мир")]
    [InlineData("el", "αγάπη μου")]
    [InlineData("ja", "こんにちは")]
    [InlineData("ar", "حبيبي")]
    public void WithoutEspeakEveryScriptStillGetsSyllables(string code, string line)
    {
        var registry = PhonemizerRegistry.CreateWithoutEspeak();
        Assert.NotNull(registry.FallbackNote(code));
        var words = registry.For(code).Syllabify(line);
        Assert.NotEmpty(words);
        Assert.All(words, w => Assert.NotEmpty(w.Syllables));
        Assert.All(words.SelectMany(w => w.Syllables), s => Assert.True(Arpabet.IsVowel(s.Nucleus)));
    }

    [Fact]
    public void GenericReadingOfLatinScriptIsPlausible()
    {
        var words = PhonemizerRegistry.CreateWithoutEspeak().For("es").Syllabify("cantar");
        Assert.Equal("K AA N T AA R", Phonemes(Assert.Single(words)));
        Assert.Equal(2, words[0].Syllables.Count);
    }

    [Fact]
    public void ConcurrentCallsIntoEspeakAreSafeAndConsistent()
    {
        RequireEspeak();
        var expected = Phonemes(Registry.For("es").Syllabify("corazón")[0]);
        var results = new string[64];
        Parallel.For(0, results.Length, i =>
        {
            var code = i % 2 == 0 ? "es" : "de";
            var word = Registry.For(code).Syllabify(i % 2 == 0 ? "corazón" : "Nacht")[0];
            results[i] = Phonemes(word);
        });
        Assert.All(results.Where((_, i) => i % 2 == 0), r => Assert.Equal(expected, r));
        Assert.All(results.Where((_, i) => i % 2 == 1), r => Assert.Equal("N AA HH T", r));
    }
}
