using AudioMusic.Domain;

namespace AudioMusic.Audio.Codecs;

/// <summary>The encoders of this node, probed once: which formats it can produce and, for the others, why not.
/// The service consults it at submit so that an unavailable format is refused up front.</summary>
public sealed class AudioEncoders
{
    private readonly Dictionary<AudioFormat, IAudioEncoder> _encoders;

    public AudioEncoders(IEnumerable<IAudioEncoder> encoders)
    {
        ArgumentNullException.ThrowIfNull(encoders);
        _encoders = [];
        foreach (var encoder in encoders)
        {
            if (!_encoders.TryAdd(encoder.Format, encoder))
            {
                throw new ArgumentException($"Two encoders were given for {encoder.Format}.", nameof(encoders));
            }
        }
        Available = _encoders.Values.Where(e => e.IsAvailable).Select(e => e.Format).Order().ToArray();
    }

    /// <summary>FLAC, WAV and Opus (managed, always available), MP3 through LAME, Ogg Vorbis through libvorbisenc.</summary>
    public static AudioEncoders CreateDefault() =>
        new([new FlacEncoder(), new WavEncoder(), new Mp3Encoder(), new OggVorbisEncoder(), new OggOpusEncoder()]);

    public IReadOnlyList<AudioFormat> Available { get; }

    /// <summary>The encoder for <paramref name="format"/>, or null when this node cannot produce it.</summary>
    public IAudioEncoder? Get(AudioFormat format) =>
        _encoders.TryGetValue(format, out var encoder) && encoder.IsAvailable ? encoder : null;

    /// <summary>Null when <paramref name="format"/> is available, otherwise the reason in an operator's words.</summary>
    public string? WhyUnavailable(AudioFormat format)
    {
        if (!_encoders.TryGetValue(format, out var encoder))
        {
            return $"no encoder for {format.ToWire()} is installed on this node.";
        }
        return encoder.IsAvailable ? null : encoder.UnavailableReason ?? $"{format.ToWire()} is unavailable on this node.";
    }
}
