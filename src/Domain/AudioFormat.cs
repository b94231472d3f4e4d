namespace AudioMusic.Domain;

[GenerateSerializer]
public enum AudioFormat
{
    Flac,
    Wav,
    Mp3,
    Ogg,
}

public static class AudioFormatNames
{
    public static string ToWire(this AudioFormat format) => format.ToString().ToLowerInvariant();

    public static string FileExtension(this AudioFormat format) => format.ToWire();

    public static string ContentType(this AudioFormat format) => format switch
    {
        AudioFormat.Flac => "audio/flac",
        AudioFormat.Wav => "audio/wav",
        AudioFormat.Mp3 => "audio/mpeg",
        AudioFormat.Ogg => "audio/ogg",
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
