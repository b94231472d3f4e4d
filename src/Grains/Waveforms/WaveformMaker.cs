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
        using var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(WaveformPeaks.Compute(master, points), Json));
        await _artifacts.WriteAsync(targetKey, json, ContentType, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
