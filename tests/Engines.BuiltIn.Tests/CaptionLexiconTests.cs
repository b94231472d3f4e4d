using AudioMusic.Domain;
using AudioMusic.Engines.BuiltIn.Caption;
using AudioMusic.Engines.BuiltIn.Composition;

namespace AudioMusic.Engines.BuiltIn.Tests;

public sealed class CaptionLexiconTests
{
    [Fact]
    public void Reads_genre_mood_instruments_voice_tempo_key_and_meter()
    {
        var a = CaptionLexicon.Analyze("A melancholic jazz ballad in F# minor, 3/4, electric piano and upright bass, female vocals, 92 bpm");
        Assert.Equal(Genre.Jazz, a.Genre);
        Assert.Equal(Mood.Sad, a.Mood);
        Assert.Equal(TempoFeel.Slow, a.TempoFeel);
        Assert.Equal([InstrumentKind.ElectricPiano, InstrumentKind.UprightBass], a.Instruments);
        Assert.Equal(SingerKind.Female, a.Singer);
        Assert.Equal(92, a.Bpm);
        Assert.Equal(KeyScale.Parse("F# minor"), a.Key);
        Assert.Equal(TimeSignature.ThreeFour, a.Meter);
    }

    [Fact]
    public void Longest_phrase_wins_so_electric_piano_is_not_a_piano()
    {
        var a = CaptionLexicon.Analyze("electric piano");
        Assert.Equal([InstrumentKind.ElectricPiano], a.Instruments);
    }

    [Fact]
    public void An_article_is_not_a_key()
    {
        Assert.Equal(KeyScale.Parse("A minor"), CaptionLexicon.Analyze("in a minor").Key);
        Assert.Null(CaptionLexicon.Analyze("a calm song").Key);
    }

    [Fact]
    public void Every_preset_maps_to_its_own_genre()
    {
        var genres = GenrePresets.All.Select(CaptionLexicon.GenreOfPreset).ToArray();
        Assert.Equal(GenrePresets.All.Count, genres.Distinct().Count());
    }

    [Fact]
    public void Explicit_parameters_win_over_words_and_words_over_preset_defaults()
    {
        var request = new GenerationRequest { Task = MusicTask.Text2Music, Caption = "fast, 100 bpm, in D minor, waltz", GenrePreset = "Rock", Bpm = 140 };
        var settings = SettingsResolver.Resolve(request, 1);
        Assert.Equal(140, settings.Bpm);
        Assert.Equal(KeyScale.Parse("D minor"), settings.Key);
        Assert.Equal(TimeSignature.ThreeFour, settings.Meter);
        Assert.Equal(Genre.Rock, settings.Style.Genre);

        var words = SettingsResolver.Resolve(request with { Bpm = null }, 1);
        Assert.Equal(100, words.Bpm);

        var preset = SettingsResolver.Resolve(new GenerationRequest { Task = MusicTask.Text2Music, Caption = "a song", GenrePreset = "Rock" }, 1);
        var rock = GenrePresets.Find("Rock")!;
        Assert.Equal(rock.DefaultBpm, preset.Bpm, 1.0);
    }
}
