using AudioMusic.Engines.BuiltIn.Caption;

namespace AudioMusic.Engines.BuiltIn.Synthesis;

/// <summary>Maps each instrument to its synthesis method and patch.</summary>
internal static class InstrumentFactory
{
    public static INoteSynth Create(InstrumentKind kind, int sampleRate, SeededRandom random) => kind switch
    {
        InstrumentKind.Piano => new PianoSynth(sampleRate, random),
        InstrumentKind.ElectricPiano => new FmSynth(sampleRate, FmSynth.ElectricPiano),
        InstrumentKind.Brass => new FmSynth(sampleRate, FmSynth.Brass),
        InstrumentKind.Bells => new FmSynth(sampleRate, FmSynth.Bells),
        InstrumentKind.Organ => new OrganSynth(sampleRate, random),
        InstrumentKind.AcousticGuitar => new PluckedString(sampleRate, PluckedString.Acoustic, random),
        InstrumentKind.ElectricGuitar => new PluckedString(sampleRate, PluckedString.Electric, random),
        InstrumentKind.DistortedGuitar => new PluckedString(sampleRate, PluckedString.Distorted, random),
        InstrumentKind.BassGuitar => new PluckedString(sampleRate, PluckedString.BassGuitar, random),
        InstrumentKind.UprightBass => new PluckedString(sampleRate, PluckedString.UprightBass, random),
        InstrumentKind.Strings => new SubtractiveSynth(sampleRate, SubtractiveSynth.Strings, random),
        InstrumentKind.SynthPad => new SubtractiveSynth(sampleRate, SubtractiveSynth.Pad, random),
        InstrumentKind.SynthLead => new SubtractiveSynth(sampleRate, SubtractiveSynth.Lead, random),
        InstrumentKind.SynthBass => new SubtractiveSynth(sampleRate, SubtractiveSynth.Bass, random),
        InstrumentKind.SynthPluck => new SubtractiveSynth(sampleRate, SubtractiveSynth.Pluck, random),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
