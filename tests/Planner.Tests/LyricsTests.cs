using AudioMusic.Domain;
using AudioMusic.Planner.Lyrics;

namespace AudioMusic.Planner.Tests;

public sealed class LyricsTests
{
    /// <summary>Pairs of lines meant to rhyme must rhyme at least this often (measured: every pair does).</summary>
    private const double MinRhymeRate = 0.9;

    public static TheoryData<string, string> SungQueries => new()
    {
        { "a sad country song about losing my dog on a rainy day", "dog" },
        { "upbeat pop song about summer love at the beach", "summer love" },
        { "slow piano ballad about my mother at 62 bpm", "my mother" },
        { "fast punk song about skateboards", "skateboards" },
        { "folk song in 6/8 about the old lighthouse", "lighthouse" },
        { "a gentle waltz about autumn leaves", "autumn leaves" },
        { "synthpop about Tokyo at 128 bpm, 4 minutes", "Tokyo" },
        { "a 30 second jingle about fresh bread", "fresh bread" },
        { "a ten minute folk epic about the sea", "the sea" },
        { "heavy metal at 180 bpm about dragons", "dragons" },
        { "soul ballad about forgiveness at 40 bpm", "forgiveness" },
        { "una canción de amor sobre la luna", "la luna" },
        { "une chanson triste sur la pluie", "la pluie" },
        { "ein Lied über die Freiheit", "die Freiheit" },
        { "uma canção alegre sobre o mar", "o mar" },
        { "a love song in Spanish", "el amor" },
        { "a song about the ocean in French", "la mer" },
        { "a summer song in German", "der Sommer" },
        { "a road trip song in Portuguese", "o caminho" },
    };

    [Theory]
    [MemberData(nameof(SungQueries))]
    public void Sung_lyrics_have_structure_identical_choruses_rhymes_fitting_lines_and_the_topic(string query, string topic)
    {
        var plan = PlanAssertions.Plan(query, seed: 11);
        PlanAssertions.AssertValidates(plan, PlanAssertions.Simple(query));
        Assert.Equal(MusicTask.Text2Music, plan.Task);
        var document = LyricsDocument.Parse(plan.Lyrics);
        var language = LyricMetrics.LanguageFor(plan.VocalLanguage);

        Assert.Contains(document.Sections, s => s.Kind == SectionKind.Verse && s.Lines.Count > 0);
        var choruses = document.Sections.Where(s => s.Kind == SectionKind.Chorus).ToList();
        Assert.NotEmpty(choruses);
        Assert.All(choruses, c => Assert.Equal(choruses[0].Lines, c.Lines));

        var (rhyming, pairs) = LyricMetrics.RhymePairs(document, language);
        Assert.True(rhyming >= MinRhymeRate * pairs, $"{rhyming}/{pairs} pairs rhyme:\n{plan.Lyrics}");

        var range = SyllableRange.For(plan.Bpm, plan.TimeSignature, rap: false);
        foreach (var line in document.SungLines)
        {
            var syllables = language.CountSyllables(line);
            Assert.True(range.Contains(syllables), $"'{line}' has {syllables} syllables, outside {range.Min}–{range.Max} at {plan.Bpm} bpm {plan.TimeSignature}");
        }
        Assert.Contains(topic, plan.Lyrics!, StringComparison.OrdinalIgnoreCase);
    }

    public static TheoryData<string> RapQueries => new()
    {
        "rap about growing up in Brooklyn",
        "trap song about money at 140 bpm",
        "boom bap hip hop about the hustle, 4 minutes",
        "drill track about the city streets",
        "a rap in Spanish about the barrio",
    };

    [Theory]
    [MemberData(nameof(RapQueries))]
    public void Rap_lyrics_have_end_rhymes_and_internal_rhymes_in_the_verses(string query)
    {
        var plan = PlanAssertions.Plan(query, seed: 5);
        PlanAssertions.AssertValidates(plan, PlanAssertions.Simple(query));
        Assert.Equal(MusicTask.Text2Rap, plan.Task);
        var document = LyricsDocument.Parse(plan.Lyrics);
        var language = LyricMetrics.LanguageFor(plan.VocalLanguage);
        var verses = document.Sections.Where(s => s.Kind == SectionKind.Verse).ToList();
        Assert.NotEmpty(verses);
        Assert.All(verses, v => Assert.True(v.Lines.Count >= 4));

        var (rhyming, pairs) = LyricMetrics.RhymePairs(document, language);
        Assert.True(rhyming >= MinRhymeRate * pairs, $"{rhyming}/{pairs} pairs rhyme:\n{plan.Lyrics}");
        var internalRate = LyricMetrics.InternalRhymeRate(verses.SelectMany(v => v.Lines), language);
        Assert.True(internalRate >= 0.9, $"internal rhyme in {internalRate:P0} of verse lines:\n{plan.Lyrics}");

        var range = SyllableRange.For(plan.Bpm, plan.TimeSignature, rap: true);
        foreach (var line in verses.SelectMany(v => v.Lines))
        {
            var syllables = language.CountSyllables(line);
            Assert.True(range.Contains(syllables), $"'{line}' has {syllables} syllables, outside {range.Min}–{range.Max}");
        }
    }

    [Fact]
    public void Lyrics_in_every_supported_language_hold_up_across_many_seeds_and_tempos()
    {
        string[] queries =
        [
            "a pop song about the night", "una canción sobre la noche", "une chanson sur la nuit", "ein Lied über die Nacht",
            "uma canção sobre a noite",
        ];
        int[] tempos = [50, 72, 96, 120, 150, 190];
        var rhyming = 0;
        var pairs = 0;
        var lines = 0;
        var linesInRange = 0;
        foreach (var query in queries)
        {
            foreach (var bpm in tempos)
            {
                for (var seed = 0; seed < 4; seed++)
                {
                    var simple = PlanAssertions.Simple(query) with { Bpm = bpm };
                    var plan = PlanAssertions.Planner.Plan(simple, seed);
                    PlanAssertions.AssertValidates(plan, simple);
                    var document = LyricsDocument.Parse(plan.Lyrics);
                    var language = LyricMetrics.LanguageFor(plan.VocalLanguage);
                    var (r, p) = LyricMetrics.RhymePairs(document, language);
                    rhyming += r;
                    pairs += p;
                    var range = SyllableRange.For(plan.Bpm, plan.TimeSignature, rap: false);
                    foreach (var line in document.SungLines)
                    {
                        lines++;
                        linesInRange += range.Contains(language.CountSyllables(line)) ? 1 : 0;
                    }
                }
            }
        }
        Assert.True(rhyming >= MinRhymeRate * pairs, $"{rhyming}/{pairs} pairs rhyme");
        Assert.True(linesInRange >= 0.97 * lines, $"{linesInRange}/{lines} lines fit their syllable range");
    }

    [Fact]
    public void Every_english_word_the_planner_sings_is_in_the_pronunciation_dictionary()
    {
        var pack = EnglishLyrics.Instance.Pack;
        var texts = pack.Verse.Concat(pack.PreChorus).Concat(pack.Hooks).Concat(pack.Chorus).Concat(pack.Bridge).Concat(pack.Outro)
            .Concat(pack.RapOpenings).Concat(pack.RapClosings).Concat(pack.General.Images).Concat(pack.General.EndPhrases)
            .Concat(pack.Themes.Values.SelectMany(t => t.Images.Concat(t.EndPhrases).Append(t.Title)));
        var missing = texts
            .SelectMany(t => LyricLanguage.Words(t.Replace("{T}", " ").Replace("{I}", " ").Replace("{A}", " ").Replace("{E}", " ")))
            .Where(w => !EnglishPronunciations.IsKnown(w))
            .Distinct()
            .ToList();
        Assert.Empty(missing);
    }
}
