using AudioMusic.Domain;

namespace AudioMusic.Planner.Tests;

/// <summary>What a query implies, field by field; null means the query implies nothing about that field.</summary>
public sealed record QueryCase(string Query)
{
    public MusicTask? Task { get; init; }
    public (int Min, int Max)? Bpm { get; init; }
    public string? Key { get; init; }
    public Mode? Mode { get; init; }
    public string? Meter { get; init; }
    public (double Min, double Max)? Duration { get; init; }
    public string? Language { get; init; }
    public string? Preset { get; init; }
    public string[] CaptionTags { get; init; } = [];
    public string[] LyricWords { get; init; } = [];

    public override string ToString() => Query.Length <= 60 ? Query : Query[..60] + "…";
}

public sealed class QueryTableTests
{
    public static TheoryData<QueryCase> Cases => new(Table);

    private static QueryCase[] Table =>
    [
        // Genres: the preset's tempo range unless the query says otherwise.
        new("a happy pop song about summer") { Task = MusicTask.Text2Music, Bpm = (96, 124), Mode = Domain.Mode.Major, Preset = "modern-pop", CaptionTags = ["pop", "happy"], LyricWords = ["summer"] },
        new("hard rock anthem about freedom") { Task = MusicTask.Text2Music, Bpm = (100, 150), Preset = "rock", CaptionTags = ["rock"], LyricWords = ["freedom"] },
        new("punk rock song about skipping school") { Bpm = (160, 200), Preset = "rock", CaptionTags = ["punk"] },
        new("smooth jazz with saxophone and upright bass") { Bpm = (90, 160), Preset = "jazz", CaptionTags = ["jazz", "saxophone", "upright bass"] },
        new("bebop tune about a late night club") { Bpm = (160, 240), Preset = "jazz", CaptionTags = ["bebop"] },
        new("bossa nova about the beach in Rio") { Bpm = (110, 140), Preset = "jazz", CaptionTags = ["bossa nova"] },
        new("classical piano sonata") { Task = MusicTask.Prompt2Instrumental, Bpm = (60, 110), Preset = "classical", CaptionTags = ["classical", "piano", "instrumental"] },
        new("deep house track with piano chords") { Bpm = (118, 128), Preset = "electronic", CaptionTags = ["house"] },
        new("techno banger for the club") { Bpm = (125, 135), Preset = "electronic", Mode = Domain.Mode.Minor, CaptionTags = ["techno"] },
        new("uplifting trance anthem") { Bpm = (132, 140), Preset = "electronic", CaptionTags = ["trance", "uplifting"] },
        new("liquid drum and bass about the rain") { Bpm = (165, 178), Preset = "electronic", CaptionTags = ["drum and bass"], LyricWords = ["rain"] },
        new("80s synthwave about neon city nights") { Bpm = (80, 118), Preset = "electronic", CaptionTags = ["synthwave", "80s"] },
        new("disco song about dancing all night") { Bpm = (110, 125), Preset = "electronic", CaptionTags = ["disco"] },
        new("country song about a pickup truck and a dirt road") { Bpm = (80, 120), Preset = "country", Mode = null, CaptionTags = ["country"] },
        new("bluegrass with banjo and fiddle") { Bpm = (110, 160), Preset = "country", CaptionTags = ["bluegrass", "banjo", "violin"] },
        new("gentle folk song about my grandmother's garden") { Bpm = (70, 110), Preset = "folk", CaptionTags = ["folk", "gentle"], LyricWords = ["garden"] },
        new("delta blues about the river") { Bpm = (70, 110), Preset = "blues", CaptionTags = ["blues"], LyricWords = ["river"] },
        new("roots reggae about peace and love") { Bpm = (70, 90), Preset = "reggae", CaptionTags = ["reggae"] },
        new("reggaeton hit about a summer party") { Bpm = (88, 100), Preset = "latin", CaptionTags = ["reggaeton"] },
        new("salsa with brass and congas") { Bpm = (160, 210), Preset = "latin", CaptionTags = ["salsa", "brass", "percussion"] },
        new("sensual r&b slow jam about late nights") { Preset = "rnb", CaptionTags = ["r&b", "sensual"] },
        new("funky soul with horns about Saturday") { Preset = "rnb", CaptionTags = ["soul"] },
        new("heavy metal with double kick about dragons") { Bpm = (120, 180), Preset = "metal", Mode = Domain.Mode.Minor, CaptionTags = ["metal"], LyricWords = ["dragons"] },
        new("doom metal about the end of the world") { Bpm = (50, 80), Preset = "metal", CaptionTags = ["doom metal"] },
        new("chill lofi hip hop") { Task = MusicTask.Prompt2Instrumental, Bpm = (70, 90), Preset = "lo-fi", CaptionTags = ["lo-fi", "chill"] },
        new("ambient soundscape for meditation") { Task = MusicTask.Prompt2Instrumental, Bpm = (60, 90), Preset = "ambient", CaptionTags = ["ambient", "instrumental"] },
        new("ambient song with a breathy female voice about the ocean") { Task = MusicTask.Text2Music, Preset = "ambient", CaptionTags = ["female vocals", "breathy vocals"], LyricWords = ["ocean"] },
        new("epic orchestral film score") { Task = MusicTask.Prompt2Instrumental, Bpm = (70, 120), Preset = "cinematic", CaptionTags = ["cinematic", "epic"] },
        new("a lullaby for my baby daughter") { Preset = "folk", Bpm = (60, 75), Mode = Domain.Mode.Major, CaptionTags = ["lullaby"] },
        new("gospel choir song about faith") { Preset = "rnb", CaptionTags = ["gospel", "choir"], LyricWords = ["faith"] },

        // Rap and instrumental requests.
        new("rap about growing up in Brooklyn") { Task = MusicTask.Text2Rap, Preset = "hip-hop", CaptionTags = ["hip hop", "rap vocals"], LyricWords = ["Brooklyn"] },
        new("trap song about money and fame") { Task = MusicTask.Text2Rap, Bpm = (130, 150), CaptionTags = ["trap"] },
        new("boom bap hip hop with male rapper about the streets") { Task = MusicTask.Text2Rap, Bpm = (80, 100), CaptionTags = ["male rap vocals"] },
        new("hip hop beat") { Task = MusicTask.Prompt2Instrumental, CaptionTags = ["hip hop", "instrumental"] },
        new("lofi beats to study to") { Task = MusicTask.Prompt2Instrumental, Preset = "lo-fi", CaptionTags = ["lo-fi", "instrumental"] },
        new("rock song with no vocals") { Task = MusicTask.Prompt2Instrumental, Preset = "rock" },
        new("instrumental jazz ballad") { Task = MusicTask.Prompt2Instrumental },
        new("an upbeat pop track without vocals") { Task = MusicTask.Prompt2Instrumental, CaptionTags = ["upbeat", "instrumental"] },
        new("karaoke backing track for a country song") { Task = MusicTask.Prompt2Instrumental, Preset = "country" },

        // Explicit values win.
        new("rock song at 128 bpm") { Bpm = (128, 128), Preset = "rock" },
        new("techno at 140bpm") { Bpm = (140, 140) },
        new("pop song with a tempo of 100") { Bpm = (100, 100) },
        new("a ballad in D minor") { Key = "D minor" },
        new("jazz in Bb major") { Key = "Bb major" },
        new("a song in F# minor about the moon") { Key = "F# minor", LyricWords = ["moon"] },
        new("a sad waltz about rain") { Meter = "3/4", Mode = Domain.Mode.Minor, CaptionTags = ["waltz", "sad"] },
        new("folk song in 6/8 about the sea") { Meter = "6/8" },
        new("pop song in 3/4 time") { Meter = "3/4" },
        new("a march for a brass band") { Meter = "2/4" },
        new("a 2 minute pop song") { Duration = (120, 120) },
        new("90 seconds of happy ukulele music") { Duration = (90, 90), CaptionTags = ["ukulele", "happy"] },
        new("a three and a half minute rock song") { Duration = (210, 210) },
        new("a 3:45 long indie song") { Duration = (225, 225), CaptionTags = ["indie rock"] },
        new("a short jingle for a coffee shop") { Duration = (60, 90) },
        new("metal at 999 bpm") { Bpm = (300, 300) },
        new("a 20 minute ambient piece") { Duration = (600, 600) },
        new("a 5 second song") { Duration = (10, 10) },
        new("upbeat pop, 120 bpm, in A minor, 3/4, 2 minutes, female vocals") { Bpm = (120, 120), Key = "A minor", Meter = "3/4", Duration = (120, 120), CaptionTags = ["female vocals"] },

        // Moods and energy.
        new("a slow sad piano ballad about heartbreak") { Mode = Domain.Mode.Minor, Bpm = (60, 72), CaptionTags = ["sad", "slow", "piano"] },
        new("an energetic happy rock song") { Mode = Domain.Mode.Major, Bpm = (120, 150), CaptionTags = ["energetic", "happy"] },
        new("dark aggressive metal") { Mode = Domain.Mode.Minor, CaptionTags = ["dark", "aggressive"] },
        new("calm peaceful folk with harp") { Bpm = (70, 90), CaptionTags = ["calm", "harp"] },

        // Languages: named, native-named, detected; unsupported falls back to English lyrics.
        new("a love song in Spanish") { Language = "es" },
        new("pop song with French lyrics about Paris") { Language = "fr", LyricWords = ["Paris"] },
        new("a rock song in German about the night") { Language = "de" },
        new("samba in Portuguese about carnival") { Language = "pt", Preset = "latin" },
        new("una canción triste sobre el mar") { Language = "es", Mode = Domain.Mode.Minor, LyricWords = ["mar"] },
        new("une chanson d'amour sur la mer et le soleil") { Language = "fr", LyricWords = ["mer"] },
        new("ein trauriges Lied über die Nacht") { Language = "de", Mode = Domain.Mode.Minor, LyricWords = ["Nacht"] },
        new("uma canção de amor sobre o verão") { Language = "pt", LyricWords = ["amor"] },
        new("a pop song in Japanese about cherry blossoms") { Language = "ja", Task = MusicTask.Text2Music },
        new("夏の恋の歌") { Language = "ja" },
        new("песня о любви") { Language = "ru" },
        new("a reggaeton song en español") { Language = "es" },

        // Edge cases: still a complete, valid plan.
        new("x") { Task = MusicTask.Text2Music, Preset = "modern-pop" },
        new("🎸🔥😢") { CaptionTags = ["guitar"] },
        new("SAD ROCK SONG ABOUT LOSING MY JOB") { Mode = Domain.Mode.Minor, Preset = "rock", LyricWords = ["job"] },
        new("!!!???...,,,;;;---***") { Preset = "modern-pop" },
        new("song") { Task = MusicTask.Text2Music },
        new(string.Join(' ', Enumerable.Repeat("a long dreamy synthpop song about the stars and the ocean", 20))[..1000]) { Preset = "modern-pop", CaptionTags = ["synthpop", "dreamy"] },
    ];

    [Fact]
    public void The_table_has_at_least_sixty_queries() => Assert.True(Table.Length >= 60, $"{Table.Length} cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plan_matches_what_the_query_implies_and_validates(QueryCase expected)
    {
        var simple = PlanAssertions.Simple(expected.Query);
        var plan = PlanAssertions.Planner.Plan(simple, seed: 42);
        PlanAssertions.AssertValidates(plan, simple);
        var context = $"'{expected.Query}': {plan.Task} {plan.Bpm} bpm {plan.Key} {plan.TimeSignature} {plan.DurationSeconds}s {plan.VocalLanguage} [{plan.Caption}]";

        if (expected.Task is { } task)
        {
            Assert.True(task == plan.Task, context);
        }
        if (expected.Bpm is var (minBpm, maxBpm))
        {
            Assert.True(plan.Bpm >= minBpm && plan.Bpm <= maxBpm, context);
        }
        if (expected.Key is { } key)
        {
            Assert.True(KeyScale.Parse(key) == plan.Key, context);
        }
        if (expected.Mode is { } mode && expected.Key is null)
        {
            Assert.True(mode == plan.Key.Mode, context);
        }
        if (expected.Meter is { } meter)
        {
            Assert.True(TimeSignature.Parse(meter) == plan.TimeSignature, context);
        }
        else
        {
            Assert.Contains(plan.TimeSignature, TimeSignature.All);
        }
        if (expected.Duration is var (minDuration, maxDuration))
        {
            Assert.True(plan.DurationSeconds >= minDuration && plan.DurationSeconds <= maxDuration, context);
        }
        if (expected.Language is { } language)
        {
            Assert.True(language == plan.VocalLanguage, context);
        }
        if (expected.Preset is { } preset)
        {
            Assert.True(preset == plan.GenrePreset, context);
        }
        var tags = plan.Caption.Split(". ")[0].Split(", ");
        foreach (var tag in expected.CaptionTags)
        {
            // "rap vocals" is satisfied by "female rap vocals": the voice may be qualified.
            Assert.True(tags.Any(t => t == tag || t.EndsWith(" " + tag, StringComparison.Ordinal)), $"tag '{tag}' missing: {context}");
        }
        foreach (var word in expected.LyricWords)
        {
            Assert.True(plan.Lyrics is not null && plan.Lyrics.Contains(word, StringComparison.OrdinalIgnoreCase), $"'{word}' not sung: {context}\n{plan.Lyrics}");
        }
    }
}
