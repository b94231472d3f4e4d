using AudioMusic.Engines.BuiltIn.Vocals;
using AudioMusic.Engines.BuiltIn.Vocals.English;

namespace AudioMusic.Engines.BuiltIn.Tests.Vocals;

public sealed class EnglishPhonemizerTests
{
    private readonly EnglishPhonemizer _phonemizer = new();

    private static string Phonemes(SyllabifiedWord word) =>
        string.Join(" ", word.Syllables.SelectMany(s => s.Onset.Append(s.Nucleus).Concat(s.Coda)));

    [Theory]
    [InlineData("love", "L AH V")]
    [InlineData("heart", "HH AA R T")]
    [InlineData("through", "TH R UW")]
    [InlineData("night", "N AY T")]
    [InlineData("make", "M EY K")]
    [InlineData("phone", "F OW N")]
    [InlineData("shining", "SH AY N IH NG")]
    [InlineData("thunder", "TH AH N D ER")]
    [InlineData("kingdom", "K IH NG D AA M")]
    [InlineData("dreams", "D R IY M Z")]
    [InlineData("loved", "L AH V D")]
    [InlineData("wanted", "W AA N T IH D")]
    [InlineData("kissed", "K IH S T")]
    [InlineData("wouldn't", "W UH D AH N T")]
    [InlineData("creation", "K R IY SH AH N")]
    [InlineData("candle", "K AE N D AH L")]
    [InlineData("crazy", "K R EY Z IY")]
    [InlineData("pieces", "P IY S IH Z")]
    [InlineData("jumped", "JH AH M P T")]
    [InlineData("warm", "W AO R M")]
    [InlineData("sign", "S AY N")]
    [InlineData("spirit", "S P IH R IH T")]
    public void KnownWordsGetTheirPhonemes(string word, string expected)
    {
        var words = _phonemizer.Syllabify(word);
        Assert.Equal(expected, Phonemes(Assert.Single(words)));
    }

    [Theory]
    [InlineData("I", 1)]
    [InlineData("strength", 1)]
    [InlineData("baby", 2)]
    [InlineData("tonight", 2)]
    [InlineData("window", 2)]
    [InlineData("beautiful", 3)]
    [InlineData("remember", 3)]
    [InlineData("together", 3)]
    [InlineData("fantastic", 3)]
    [InlineData("electricity", 5)]
    [InlineData("everybody", 4)]
    public void WordsHaveTheRightNumberOfSyllables(string word, int syllables)
    {
        Assert.Equal(syllables, Assert.Single(_phonemizer.Syllabify(word)).Syllables.Count);
    }

    [Theory]
    [InlineData("happy", 0)]
    [InlineData("tonight", 1)]
    [InlineData("remember", 1)]
    [InlineData("fantastic", 1)]
    [InlineData("electricity", 2)]
    [InlineData("window", 0)]
    [InlineData("begin", 1)]
    public void StressFallsOnTheRightSyllable(string word, int stressedSyllable)
    {
        var syllables = Assert.Single(_phonemizer.Syllabify(word)).Syllables;
        Assert.Equal([stressedSyllable], syllables.Select((s, i) => (s, i)).Where(x => x.s.Stressed).Select(x => x.i));
    }

    [Fact]
    public void FunctionWordsAreUnstressed()
    {
        var words = _phonemizer.Syllabify("the love of a life");
        Assert.Equal([false, true, true, false, true], words.Select(w => w.Syllables[0].Stressed));
    }

    [Fact]
    public void SyllablesTakeTheLongestLegalOnset()
    {
        var extra = Syllabifier.Syllabify("extra",
            [new("EH", 1), new("K"), new("S"), new("T"), new("R"), new("AH")], english: true, stressMarked: true);
        Assert.Equal(["K"], extra[0].Coda);
        Assert.Equal(["S", "T", "R"], extra[1].Onset);

        // "N T" is not an English onset, so /N/ closes the first syllable of "winter".
        var winter = Syllabifier.Syllabify("winter",
            [new("W"), new("IH", 1), new("N"), new("T"), new("ER")], english: true, stressMarked: true);
        Assert.Equal(["N"], winter[0].Coda);
        Assert.Equal(["T"], winter[1].Onset);
        Assert.Equal(["win", "ter"], winter.Select(s => s.Text));
    }

    [Fact]
    public void PunctuationIsDroppedAndNumbersAreSpelledOut()
    {
        var words = _phonemizer.Syllabify("Hello, world! 24/7 — (yeah)");
        Assert.Equal(["Hello", "world", "twenty", "four", "seven", "yeah"], words.Select(w => w.Text));
        Assert.All(words, w => Assert.NotEmpty(w.Syllables));
    }

    [Fact]
    public void EverySyllableUsesTheSharedInventory()
    {
        var words = _phonemizer.Syllabify("Quixotic zephyrs juggle xylophones while crowds of strangers whisper rhythms");
        var syllables = words.SelectMany(w => w.Syllables).ToList();
        Assert.All(syllables, s =>
        {
            Assert.True(Arpabet.IsVowel(s.Nucleus), s.Nucleus);
            Assert.All(s.Onset.Concat(s.Coda), p => Assert.True(Arpabet.Consonants.Contains(p), p));
        });
        Assert.All(words, w => Assert.Equal(w.Text, string.Concat(w.Syllables.Select(s => s.Text))));
    }
}
