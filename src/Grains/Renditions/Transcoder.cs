using AudioMusic.Audio;
using AudioMusic.Audio.Codecs;
using AudioMusic.Audio.Dsp;
using AudioMusic.Domain;
using AudioMusic.Storage;

namespace AudioMusic.Grains.Renditions;

/// <summary>Makes one rendition from a FLAC master: decode, resample when asked, encode, store. The file is complete
/// in memory before the store sees it, and stores publish a key only when its bytes are all written, so a transcode
/// that fails or is cancelled leaves nothing behind.</summary>
public sealed class Transcoder
{
    private readonly IArtifactStore _artifacts;
    private readonly AudioEncoders _encoders;
    private long _transcodes;

    public Transcoder(IArtifactStore artifacts, AudioEncoders encoders)
    {
        _artifacts = artifacts;
        _encoders = encoders;
    }

    /// <summary>How many renditions this node has encoded since it started (each one once, however often asked for).</summary>
    public long Transcodes => Interlocked.Read(ref _transcodes);

    /// <summary>Null when this node can make <paramref name="format"/>, otherwise why not.</summary>
    public string? WhyUnavailable(AudioFormat format) => _encoders.WhyUnavailable(format);

    public async Task<StoredArtifact?> TranscodeAsync(RenditionOrder order, string targetKey, CancellationToken cancellationToken)
    {
        var encoder = _encoders.Get(order.Spec.Format) ?? throw new InvalidOperationException(_encoders.WhyUnavailable(order.Spec.Format));
        AudioBuffer master;
        await using (var stream = await _artifacts.OpenReadAsync(order.MasterKey, 0, null, cancellationToken).ConfigureAwait(false))
        {
            if (stream is null)
            {
                return null;
            }
            master = FlacDecoder.Decode(stream, cancellationToken);
        }
        var audio = order.Spec.SampleRate is { } rate ? Resampler.Resample(master, rate, cancellationToken) : master;
        using var encoded = new MemoryStream();
        encoder.Encode(audio, encoded, new EncodingOptions(order.Spec.BitrateKbps, new AudioTags(order.Title, order.Seed, order.Model)), cancellationToken);
        encoded.Position = 0;
        var contentType = order.Spec.Format.ContentType();
        await _artifacts.WriteAsync(targetKey, encoded, contentType, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _transcodes);
        return new StoredArtifact(order.Spec.Format, targetKey, encoded.Length, contentType);
    }
}
