using System.Text.Json;
using AudioMusic.Audio;
using AudioMusic.Audio.Analysis;
using AudioMusic.Audio.Codecs;
using AudioMusic.Storage;

namespace AudioMusic.Grains.Waveforms;

/// <summary>Decodes a master, computes its peaks and stores them as audiowaveform JSON. The JSON is complete in memory
/// before the store publishes it, so a failure leaves nothing behind.</summary>
public sealed class WaveformMaker
{
    public const string ContentType = "application/json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly IArtifactStore _artifacts;

    public WaveformMaker(IArtifactStore artifacts) => _artifacts = artifacts;

    /// <summary>False when the master is no longer stored.</summary>
    public async Task<bool> MakeAsync(string masterKey, int points, string targetKey)
    {
        AudioBuffer master;
        await using (var stream = await _artifacts.OpenReadAsync(masterKey, 0, null, CancellationToken.None).ConfigureAwait(false))
        {
            if (stream is null)
            {
                return false;
            }
            master = FlacDecoder.Decode(stream);
        }
        await StoreAsync(master, points, targetKey, CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    /// <summary>Computes the peaks of audio already in memory and stores them (the completion of a job does this for the
    /// default resolution, so the first player to ask reads a file).</summary>
    public async Task StoreAsync(AudioBuffer audio, int points, string targetKey, CancellationToken cancellationToken)
    {
        using var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(WaveformPeaks.Compute(audio, points), Json));
        await _artifacts.WriteAsync(targetKey, json, ContentType, cancellationToken).ConfigureAwait(false);
    }
}
