namespace AudioMusic.Grains;

/// <summary>The waveform peaks of one output at one resolution, keyed by the artifact key they are stored under:
/// computed once from the FLAC master by the first request, read from the store by every later one.</summary>
public interface IWaveformGrain : IGrainWithStringKey
{
    [ResponseTimeout("00:02:00")]
    Task<WaveformOutcome> Ensure(string masterKey, int points);
}

/// <summary>The stored JSON's key, or why there is none.</summary>
[GenerateSerializer, Immutable]
public sealed record WaveformOutcome([property: Id(0)] string? Key, [property: Id(1)] string? Error);
