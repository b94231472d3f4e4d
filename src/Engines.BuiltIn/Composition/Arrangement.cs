using AudioMusic.Engines.BuiltIn.Caption;

namespace AudioMusic.Engines.BuiltIn.Composition;

/// <summary>A note to synthesise: times in seconds from the start of the song, pitch as a MIDI number.</summary>
public readonly record struct NoteEvent(double Start, double Duration, float Pitch, float Velocity, float Pan);

public enum DrumSound
{
    Kick,
    Snare,
    Rim,
    Clap,
    ClosedHat,
    OpenHat,
    Ride,
    Crash,
    LowTom,
    HighTom,
    Shaker,
    Timpani,
}

public readonly record struct DrumHit(double Start, DrumSound Sound, float Velocity);

/// <summary>One instrument's notes with its place in the mix.</summary>
public sealed record InstrumentPart(string Role, InstrumentKind Instrument, List<NoteEvent> Notes, float Gain, float Pan, float ReverbSend);

/// <summary>The whole accompaniment of one variation, ready to synthesise.</summary>
public sealed record Arrangement(IReadOnlyList<Chord> Chords, IReadOnlyList<InstrumentPart> Parts, IReadOnlyList<DrumHit> Drums);
