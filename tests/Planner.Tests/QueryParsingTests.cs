using AudioMusic.Domain;
using AudioMusic.Planner.Query;

namespace AudioMusic.Planner.Tests;

public sealed class QueryParsingTests
{
    [Theory]
    [InlineData("in a minor", "A minor")]
    [InlineData("in C# minor", "C# minor")]
    [InlineData("key of Eb major", "Eb major")]
    [InlineData("in F sharp minor", "F# minor")]
    [InlineData("a ballad in G major", "G major")]
    [InlineData("en la menor", "A minor")]
    [InlineData("en ré mineur", "D minor")]
    [InlineData("em dó maior", "C major")]
    [InlineData("in fis-moll", "F# minor")]
    [InlineData("in es-dur", "Eb major")]
    [InlineData("in h-moll", "B minor")]
    public void Keys_are_read_in_letter_solfege_and_german_names(string text, string key) =>
        Assert.Equal(KeyScale.Parse(key), ExplicitValueParser.Parse(text.ToLowerInvariant()).Key);

    [Theory]
    [InlineData("2 minutes", 120)]
    [InlineData("2.5 min", 150)]
    [InlineData("3 minutes and 20 seconds", 200)]
    [InlineData("90 seconds", 90)]
    [InlineData("3:30", 210)]
    [InlineData("a minute and a half", 90)]
    [InlineData("half a minute", 30)]
    [InlineData("thirty seconds", 30)]
    [InlineData("four minute", 240)]
    public void Durations_are_read_from_numbers_and_words(string text, double seconds) =>
        Assert.Equal(seconds, ExplicitValueParser.Parse(text).DurationSeconds);

    [Theory]
    [InlineData("80s synthpop")]
    [InlineData("a song from the 90s")]
    public void Decades_are_not_durations(string text) => Assert.Null(ExplicitValueParser.Parse(text).DurationSeconds);

    [Theory]
    [InlineData("the best song ever", "en")]
    [InlineData("una canción sobre la playa y el sol", "es")]
    [InlineData("une chanson douce pour mon fils", "fr")]
    [InlineData("ein Lied für meine Mutter", "de")]
    [InlineData("uma música sobre a saudade", "pt")]
    [InlineData("una canzone d'amore per la mia ragazza", "it")]
    [InlineData("愛の歌をください", "ja")]
    [InlineData("사랑 노래", "ko")]
    [InlineData("一首关于爱情的歌", "zh")]
    [InlineData("песня о любви", "ru")]
    public void The_query_language_is_detected(string text, string language) =>
        Assert.Equal(language, LanguageDetector.Detect(new QueryText(text)));

    [Theory]
    [InlineData("lofi")]
    [InlineData("🎸")]
    [InlineData("808")]
    public void Text_without_evidence_has_no_language(string text) => Assert.Null(LanguageDetector.Detect(new QueryText(text)));

    [Theory]
    [InlineData("a sad song about losing my dog", "my dog")]
    [InlineData("rock about the ocean", "the ocean")]
    [InlineData("a song about Paris in the spring", "Paris")]
    [InlineData("a ballad for my sister's wedding", "my sister's wedding")]
    [InlineData("una canción de amor sobre el mar", "el mar")]
    [InlineData("ein Lied über die Freiheit", "die freiheit")]
    public void The_topic_is_the_subject_after_about(string query, string topic) =>
        Assert.Equal(topic, QueryAnalyzer.Analyze(query).TopicPhrase);

    [Theory]
    [InlineData("country rock", "rock")]
    [InlineData("jazz hip hop", "hip-hop")]
    [InlineData("rock with jazz influences", "rock")]
    [InlineData("drum and bass", "drum-and-bass")]
    [InlineData("acoustic guitar folk", "folk")]
    public void The_head_genre_leads(string query, string genre) =>
        Assert.Equal(genre, QueryAnalyzer.Analyze(query).PrimaryGenre?.Id);
}
