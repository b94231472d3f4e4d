using AudioMusic.Domain;

namespace AudioMusic.Domain.Tests;

public sealed class GenerationRequestParserTests
{
    [Fact]
    public void A_minimal_text2music_request_gets_the_defaults()
    {
        var result = GenerationRequestParser.Parse(MusicTask.Text2Music, new GenerationInput { Caption = "upbeat pop" });
        Assert.True(result.IsValid);
        var request = result.Request!;
        Assert.Equal(AudioFormat.Flac, request.Format);
        Assert.Equal(-1, request.Seed);
        Assert.Equal(1, request.BatchSize);
        Assert.Null(request.DurationSeconds);
        Assert.Equal("unknown", request.VocalLanguage);
    }

    [Fact]
    public void Prompt_is_an_alias_of_caption() =>
        Assert.Equal("jazz trio", GenerationRequestParser.Parse(MusicTask.Text2Music, new GenerationInput { Prompt = "jazz trio" }).Request!.Caption);

    [Theory]
    [InlineData("bpm")]
    [InlineData("duration")]
    [InlineData("seed")]
    [InlineData("batch_size")]
    [InlineData("keyscale")]
    [InlineData("timesignature")]
    [InlineData("format")]
    [InlineData("vocal_language")]
    [InlineData("genre_preset")]
    [InlineData("lyrics")]
    public void Each_bad_field_is_named(string field)
    {
        var input = new GenerationInput { Caption = "x" };
        input = field switch
        {
            "bpm" => input with { Bpm = 301 },
            "duration" => input with { Duration = 5 },
            "seed" => input with { Seed = 1L << 31 },
            "batch_size" => input with { BatchSize = 9 },
            "keyscale" => input with { KeyScale = "H major" },
            "timesignature" => input with { TimeSignature = "5/4" },
            "format" => input with { Format = "aiff" },
            "vocal_language" => input with { VocalLanguage = "english" },
            "genre_preset" => input with { GenrePreset = "polka" },
            "lyrics" => input with { Lyrics = "[chrous]\nla la" },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        var result = GenerationRequestParser.Parse(MusicTask.Text2Music, input);
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Field == field);
    }

    [Fact]
    public void Samples_take_tempo_and_default_to_loops()
    {
        var result = GenerationRequestParser.Parse(MusicTask.Text2Samples, new GenerationInput { Prompt = "drum loop", Tempo = 120, Duration = 4 });
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(SampleType.Loop, result.Request!.SampleType);
        Assert.Equal(120, result.Request.Bpm);
        Assert.False(GenerationRequestParser.Parse(MusicTask.Text2Samples, new GenerationInput { Prompt = "x", Tempo = 210 }).IsValid);
    }

    [Fact]
    public void Vocals_and_rap_need_words_to_sing()
    {
        Assert.Contains(GenerationRequestParser.Parse(MusicTask.Lyric2Vocals, new GenerationInput()).Errors, e => e.Field == "lyrics");
        Assert.Contains(GenerationRequestParser.Parse(MusicTask.Text2Rap, new GenerationInput { Caption = "rap", Lyrics = "[verse]" }).Errors, e => e.Field == "lyrics");
        Assert.True(GenerationRequestParser.Parse(MusicTask.Lyric2Vocals, new GenerationInput { Lyrics = "[verse]\nhello world" }).IsValid);
    }

    [Fact]
    public void Lyrics_tags_are_case_insensitive_and_may_be_numbered()
    {
        var doc = LyricsDocument.Parse("[Verse 2]\nline one\n[PRE-CHORUS]\nline two\n[chorus]\nline three");
        Assert.Equal([SectionKind.Verse, SectionKind.PreChorus, SectionKind.Chorus], doc.Sections.Select(s => s.Kind));
        Assert.Equal(2, doc.Sections[0].Number);
    }

    [Fact]
    public void Variation_seeds_are_stable_and_distinct()
    {
        var seeds = VariationSeeds.For(42, 8);
        Assert.Equal(42, seeds[0]);
        Assert.Equal(8, seeds.Distinct().Count());
        Assert.Equal(seeds, VariationSeeds.For(42, 8));
    }
}
