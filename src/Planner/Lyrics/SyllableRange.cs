using AudioMusic.Domain;

namespace AudioMusic.Planner.Lyrics;

/// <summary>How many syllables a lyric line may carry at a tempo and meter, and how much music it spans.</summary>
public sealed record SyllableRange(int Min, int Max, int BarsPerLine, double LineSeconds)
{
    /// <summary>Sung lines aim at about 4 s of music, rap lines at about 3 s (one bar of 4/4 near 80–100 bpm,
    /// two bars of half-time trap at 140).</summary>
    private const double SungTargetSeconds = 4.0;
    private const double RapTargetSeconds = 3.0;

    /// <summary>Comfortable syllable rates: singing 1.75–3.5 syllables/s, rap 3–5.5 syllables/s.</summary>
    private static readonly (double Min, double Max) SungRate = (1.75, 3.5);
    private static readonly (double Min, double Max) RapRate = (3.0, 5.5);

    /// <summary>The line spans 1, 2 or 4 bars, whichever lasts closest to the target; the range is the syllable rate
    /// times that duration (clamped to 2–6 s so very slow or fast tempos stay singable), never more than four
    /// syllables per quarter note (sixteenths), and at least four syllables wide.</summary>
    private static readonly int[] BarChoices = [1, 2, 4];

    public static SyllableRange For(int bpm, TimeSignature meter, bool rap)
    {
        var safeBpm = Math.Clamp(bpm, RequestLimits.MinBpm, RequestLimits.MaxBpm);
        var barSeconds = meter.QuarterNotesPerBar * 60.0 / safeBpm;
        var target = rap ? RapTargetSeconds : SungTargetSeconds;
        // Rounded so that exact ties (2.67 s vs 5.33 s around a 4 s target) go to the shorter line, not to float noise.
        var bars = BarChoices.OrderBy(b => Math.Round(Math.Abs(b * barSeconds - target), 3)).ThenBy(b => b).First();
        var lineSeconds = bars * barSeconds;
        var rate = rap ? RapRate : SungRate;
        var span = Math.Clamp(lineSeconds, 2.0, 6.0);
        var min = Math.Max(4, (int)Math.Floor(rate.Min * span));
        var quarterNotes = (int)Math.Round(bars * meter.QuarterNotesPerBar);
        var max = Math.Min((int)Math.Ceiling(rate.Max * span), 4 * quarterNotes);
        max = Math.Max(max, min + 4);
        return new SyllableRange(min, max, bars, lineSeconds);
    }

    public bool Contains(int syllables) => syllables >= Min && syllables <= Max;
}
