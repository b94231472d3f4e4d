namespace AudioMusic.Engines.BuiltIn.Caption;

/// <summary>The genres the engine can arrange; one per genre preset.</summary>
public enum Genre
{
    Pop,
    Rock,
    HipHop,
    Jazz,
    Classical,
    Electronic,
    Country,
    Folk,
    Blues,
    Reggae,
    Latin,
    RnB,
    Metal,
    LoFi,
    Ambient,
    Cinematic,
}

public enum Mood
{
    Happy,
    Sad,
    Calm,
    Energetic,
    Dark,
    Romantic,
    Epic,
    Dreamy,
}

/// <summary>The synthesised instruments. Each is a distinct synthesis method or voicing of one (see docs/engine.md).</summary>
public enum InstrumentKind
{
    Piano,
    ElectricPiano,
    AcousticGuitar,
    ElectricGuitar,
    DistortedGuitar,
    Strings,
    SynthPad,
    SynthLead,
    SynthBass,
    BassGuitar,
    UprightBass,
    Brass,
    Organ,
    Bells,
    SynthPluck,
}

/// <summary>Whether the caption asks for a slower or faster tempo than the genre's middle.</summary>
public enum TempoFeel
{
    Slow,
    Medium,
    Fast,
}
