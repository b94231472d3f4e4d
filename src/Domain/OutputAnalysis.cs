namespace AudioMusic.Domain;

/// <summary>What an output measures like, taken from the rendered audio itself (not copied from the request), so a
/// client can see what it got: integrated loudness (EBU R128 / ITU-R BS.1770), true peak, duration, and the tempo and
/// key an analysis hears. Tempo and key are null where the audio has too little to tell (silence, a one-shot).</summary>
[GenerateSerializer, Immutable]
public sealed record OutputAnalysis(
    [property: Id(0)] double? IntegratedLufs,
    [property: Id(1)] double? TruePeakDbtp,
    [property: Id(2)] double DurationSeconds,
    [property: Id(3)] double? TempoBpm,
    [property: Id(4)] KeyScale? Key,
    [property: Id(5)] double? KeyConfidence);
