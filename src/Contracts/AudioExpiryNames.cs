using AudioMusic.Grains;

namespace AudioMusic.Contracts;

/// <summary><c>audio_expired_reason</c> on the wire: <c>retention</c> or <c>memory_limit</c>.</summary>
public static class AudioExpiryNames
{
    public static string ToWire(AudioExpiry reason) => reason switch
    {
        AudioExpiry.Retention => "retention",
        AudioExpiry.MemoryLimit => "memory_limit",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
