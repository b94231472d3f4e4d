using AudioMusic.Domain;
using AudioMusic.Planner.Lyrics;

namespace AudioMusic.Planner.Tests;

public sealed class PronunciationTests
{
    [Theory]
    [InlineData("night", 1)]
    [InlineData("fire", 2)]
    [InlineData("satellite", 3)]
    [InlineData("memory", 3)]
    [InlineData("brooklyn", 2)]
    [InlineData("dragons", 2)]
    [InlineData("lonely", 2)]
    [InlineData("forgiveness", 3)]
    [InlineData("lighthouse", 2)]
    [InlineData("little", 2)]
    [InlineData("loved", 1)]
    public void English_syllables_come_from_the_dictionary_or_spelling_rules(string word, int syllables) =>
        Assert.Equal(syllables, EnglishLyrics.Instance.CountWordSyllables(word));

    [Theory]
    [InlineData("night", "light", true)]
    [InlineData("fire", "desire", true)]
    [InlineData("highway", "day", true)]
    [InlineData("countryside", "tide", true)]
    [InlineData("night", "day", false)]
    [InlineData("love", "move", false)]
    [InlineData("heart", "heart", false)]
    public void English_rhymes_follow_the_last_stressed_vowel(string a, string b, bool rhymes) =>
        Assert.Equal(rhymes, EnglishLyrics.Instance.Rhymes(a, b));

    [Theory]
    [InlineData("es", "corazón", "canción", true)]
    [InlineData("es", "cielo", "vuelo", true)]
    [InlineData("es", "noche", "luna", false)]
    [InlineData("fr", "amour", "jour", true)]
    [InlineData("fr", "nuit", "minuit", true)]
    [InlineData("fr", "chemin", "demain", true)]
    [InlineData("fr", "amour", "nuit", false)]
    [InlineData("de", "nacht", "pracht", true)]
    [InlineData("de", "sonne", "wonne", true)]
    [InlineData("de", "nacht", "licht", false)]
    [InlineData("pt", "coração", "canção", true)]
    [InlineData("pt", "cidade", "saudade", true)]
    [InlineData("pt", "mar", "sol", false)]
    public void Other_languages_rhyme_by_their_stressed_endings(string language, string a, string b, bool rhymes) =>
        Assert.Equal(rhymes, LyricMetrics.LanguageFor(language).Rhymes(a, b));

    [Theory]
    [InlineData("es", "corazón", 3)]
    [InlineData("es", "poesía", 4)]
    [InlineData("es", "canción", 2)]
    [InlineData("fr", "lumière", 2)]
    [InlineData("fr", "chanson", 2)]
    [InlineData("de", "freiheit", 2)]
    [InlineData("de", "traum", 1)]
    [InlineData("pt", "coração", 3)]
    [InlineData("pt", "saudade", 3)]
    public void Other_languages_count_syllables_by_vowel_groups(string language, string word, int syllables) =>
        Assert.Equal(syllables, LyricMetrics.LanguageFor(language).CountWordSyllables(word));

    [Theory]
    [InlineData(120, "4/4", false, 7, 14, 2)]
    [InlineData(60, "4/4", false, 7, 14, 1)]
    [InlineData(90, "4/4", true, 8, 15, 1)]
    [InlineData(140, "4/4", true, 10, 19, 2)]
    [InlineData(180, "4/4", false, 4, 10, 2)]
    [InlineData(90, "3/4", false, 7, 14, 2)]
    public void Syllable_range_follows_tempo_and_meter(int bpm, string meter, bool rap, int min, int max, int bars)
    {
        var range = SyllableRange.For(bpm, TimeSignature.Parse(meter), rap);
        Assert.Equal((min, max, bars), (range.Min, range.Max, range.BarsPerLine));
    }
}
