using AudioMusic.Domain;

namespace AudioMusic.Audio.Codecs;

/// <summary>Encodes PCM into one container format. Every engine's output goes through these.</summary>
public interface IAudioEncoder
{
    AudioFormat Format { get; }

    /// <summary>False when the format cannot be produced on this node (e.g. its native library is missing);
    /// such a format is refused at submit, never discovered by a failing job.</summary>
    bool IsAvailable { get; }

    /// <summary>Why <see cref="IsAvailable"/> is false, in words an operator can act on.</summary>
    string? UnavailableReason { get; }

    /// <summary>Writes the whole file; <paramref name="options"/> (bitrate, tags) defaults to the format's own choice.</summary>
    void Encode(AudioBuffer audio, Stream output, EncodingOptions? options = null, CancellationToken cancellationToken = default);
}
