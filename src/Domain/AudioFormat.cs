namespace AudioMusic.Domain;

[GenerateSerializer]
public enum AudioFormat
{
    Flac,
    Wav,
    Mp3,
    Ogg,
    Opus,
}

public static class AudioFormatNames
{
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<AudioFormat>().Select(f => f.ToWire()).ToArray();

    /// <summary>The validation message for a field that names a format.</summary>
    public static string MustBeOneOf { get; } = "must be one of " + string.Join(", ", All);

    public static string ToWire(this AudioFormat format) => format.ToString().ToLowerInvariant();

    public static string FileExtension(this AudioFormat format) => format.ToWire();

    public static string ContentType(this AudioFormat format) => format switch
    {
        AudioFormat.Flac => "audio/flac",
        AudioFormat.Wav => "audio/wav",
        AudioFormat.Mp3 => "audio/mpeg",
        AudioFormat.Ogg => "audio/ogg",
        // RFC 7845 §9: Ogg Opus files are audio/ogg; the codecs parameter tells them from Vorbis.
        AudioFormat.Opus => "audio/ogg; codecs=opus",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static bool TryParse(string? text, out AudioFormat format)
    {
        var trimmed = text?.Trim();
        if (!string.IsNullOrEmpty(trimmed) && Enum.TryParse(trimmed, ignoreCase: true, out format) && Enum.IsDefined(format)
            && !char.IsDigit(trimmed[0]))
        {
            return true;
        }
        format = default;
        return false;
    }
}
