using AudioMusic.Domain;

namespace AudioMusic.Engines.BuiltIn.Composition;

/// <summary>The beat grid of a song. bpm counts quarter notes in every meter (6/8 at 120 bpm has bars of three
/// quarter notes, 1.5 s). Positions inside a bar are counted in sixteenth-note steps.</summary>
public sealed record SongTiming(int Bpm, TimeSignature Meter, int SampleRate)
{
    public double SecondsPerQuarter => 60.0 / Bpm;

    public double QuarterNotesPerBar => Meter.QuarterNotesPerBar;

    public double BarSeconds => SecondsPerQuarter * QuarterNotesPerBar;

    public int StepsPerBar => (int)Math.Round(QuarterNotesPerBar * 4);

    public double StepSeconds => SecondsPerQuarter / 4;

    /// <summary>Sixteenth steps between the pulses a listener taps: a dotted quarter in 6/8, else a quarter.</summary>
    public int StepsPerPulse => Meter == TimeSignature.SixEight ? 6 : 4;

    public double BarStart(int bar) => bar * BarSeconds;

    public double StepTime(int bar, double step) => bar * BarSeconds + step * StepSeconds;

    /// <summary>The exact frame count of a span of whole bars, rounded once (never accumulated bar by bar).</summary>
    public long FramesOfBars(int bars) => (long)Math.Round(bars * BarSeconds * SampleRate);

    public int FrameOf(double seconds) => (int)Math.Round(seconds * SampleRate);
}
