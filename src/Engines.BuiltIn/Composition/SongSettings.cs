using AudioMusic.Domain;
using AudioMusic.Engines.BuiltIn.Caption;

namespace AudioMusic.Engines.BuiltIn.Composition;

/// <summary>Everything decided about a job before composing: the resolved musical parameters and what the
/// caption asked for. Shared by every variation of a batch (variations differ only by their seed).</summary>
public sealed record SongSettings(
    GenreStyle Style,
    Mood Mood,
    double Energy,
    int Bpm,
    KeyScale Key,
    TimeSignature Meter,
    SingerKind Singer,
    IReadOnlyList<string> VocalStyles,
    IReadOnlyList<InstrumentKind> RequestedInstruments,
    CaptionAnalysis Caption);

/// <summary>Resolves the automatic parameters. Precedence: explicit request fields, then caption words, then the
/// genre preset's defaults, then the genre's typical values (choices among equals are made by the seed).</summary>
public static class SettingsResolver
{
    private static readonly int[] CommonMajorTonics = [0, 7, 2, 9, 5, 10, 3, 4];
    private static readonly int[] CommonMinorTonics = [9, 4, 2, 7, 0, 11, 5, 6];

    public static SongSettings Resolve(GenerationRequest request, int seed)
    {
        var preset = GenrePresets.Find(request.GenrePreset);
        var words = CaptionLexicon.Analyze(request.Caption);
        var caption = preset is null ? words : words.Over(CaptionLexicon.AnalyzePreset(preset));
        var genre = caption.Genre ?? (request.Task == MusicTask.Text2Rap ? Genre.HipHop : Genre.Pop);
        var style = GenreStyles.For(genre);
        var typical = preset ?? style.Preset;
        var random = new SeededRandom(seed, 0x5e77);

        var mood = caption.Mood ?? DefaultMood(genre);
        var energy = Math.Clamp(caption.Energy ?? DefaultEnergy(mood), 0.05, 1.0);
        var bpm = request.Bpm ?? words.Bpm ?? ChooseBpm(typical, caption.TempoFeel, energy, preset is not null, random);
        var mode = request.Key?.Mode ?? words.Key?.Mode ?? ModeOf(mood, typical, random);
        var key = request.Key ?? words.Key ?? KeyScale.Of(random.Pick(mode == Mode.Major ? CommonMajorTonics : CommonMinorTonics), mode);
        var meter = request.TimeSignature ?? caption.Meter ?? (preset is not null ? preset.Meters[0] : TimeSignature.FourFour);
        var singer = caption.Singer ?? style.Singer;
        var styles = request.Task == MusicTask.Text2Rap && !caption.WantsRap ? caption.VocalStyles.Append("rap").ToArray() : caption.VocalStyles;
        return new SongSettings(style, mood, energy, bpm, key, meter, singer, styles, caption.Instruments, caption);
    }

    private static int ChooseBpm(GenrePreset typical, TempoFeel? feel, double energy, bool presetNamed, SeededRandom random)
    {
        var span = typical.MaxBpm - typical.MinBpm;
        var position = feel switch
        {
            TempoFeel.Slow => 0.15,
            TempoFeel.Fast => 0.85,
            TempoFeel.Medium => 0.5,
            // A named preset means its default tempo; otherwise energy leans it, and the seed varies it a little.
            _ => presetNamed ? 0.5 : Math.Clamp(0.25 + 0.5 * energy + random.Range(-0.15, 0.15), 0, 1),
        };
        return typical.MinBpm + (int)Math.Round(span * position);
    }

    private static Mode ModeOf(Mood mood, GenrePreset typical, SeededRandom random) => mood switch
    {
        Mood.Sad or Mood.Dark or Mood.Epic => Mode.Minor,
        Mood.Happy => Mode.Major,
        _ => typical.Modes.Count == 1 ? typical.Modes[0] : random.Pick(typical.Modes),
    };

    private static Mood DefaultMood(Genre genre) => genre switch
    {
        Genre.Metal or Genre.Rock or Genre.Electronic => Mood.Energetic,
        Genre.Ambient or Genre.LoFi or Genre.Classical or Genre.Folk => Mood.Calm,
        Genre.Cinematic => Mood.Epic,
        Genre.RnB or Genre.Jazz => Mood.Romantic,
        Genre.Blues => Mood.Sad,
        _ => Mood.Happy,
    };

    private static double DefaultEnergy(Mood mood) => mood switch
    {
        Mood.Energetic => 0.85,
        Mood.Epic => 0.8,
        Mood.Happy => 0.7,
        Mood.Dark => 0.6,
        Mood.Romantic => 0.45,
        Mood.Sad => 0.35,
        Mood.Dreamy => 0.35,
        Mood.Calm => 0.3,
        _ => 0.6,
    };
}
