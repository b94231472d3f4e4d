using AudioMusic.Domain;

namespace AudioMusic.Engines.BuiltIn.Composition;

/// <summary>One lyric line placed on the bar grid.</summary>
public sealed record PlannedLine(string Text, int StartBar, int Bars, int Syllables);

/// <summary>A section of the song in whole bars; <see cref="Energy"/> (0..1) drives the arrangement density.</summary>
public sealed record PlannedSection(SectionKind Kind, int StartBar, int Bars, IReadOnlyList<PlannedLine> Lines, double Energy)
{
    public int EndBar => StartBar + Bars;

    public bool IsSung => Lines.Count > 0;
}

/// <summary>The song's form: sections covering bars 0..TotalBars-1 (the last bar is the final cadence), and the
/// exact length of the rendered audio, which includes the ring-out of that final chord.</summary>
public sealed record FormPlan(IReadOnlyList<PlannedSection> Sections, int TotalBars, long TotalFrames, int SampleRate)
{
    public double DurationSeconds => (double)TotalFrames / SampleRate;

    public PlannedSection SectionAt(int bar) =>
        Sections.LastOrDefault(s => s.StartBar <= bar) ?? Sections[0];
}
