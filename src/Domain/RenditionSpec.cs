using System.Globalization;

namespace AudioMusic.Domain;

/// <summary>One encoding of an output that a client may download: a format, and for the lossy formats an optional
/// bitrate, at an optional sample rate. Null bitrate means the format's quality-based default; null sample rate means
/// the master's own rate. The default spec of the submitted format is the file rendered eagerly at completion.</summary>
[GenerateSerializer, Immutable]
public sealed record RenditionSpec(
    [property: Id(0)] AudioFormat Format,
    [property: Id(1)] int? BitrateKbps = null,
    [property: Id(2)] int? SampleRate = null)
{
    public bool IsDefault(int masterSampleRate) => BitrateKbps is null && (SampleRate is null || SampleRate == masterSampleRate);

    /// <summary>Validates the download query's <c>format</c>, <c>bitrate</c> and <c>sample_rate</c>; errors name the field.</summary>
    public static RenditionSpec? Parse(string? formatText, string? bitrateText, string? sampleRateText, AudioFormat fallback, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var format = fallback;
        if (formatText is not null && !AudioFormatNames.TryParse(formatText, out format))
        {
            errors.Add(new FieldError("format", AudioFormatNames.MustBeOneOf));
            return null;
        }
        int? bitrate = null;
        if (bitrateText is not null)
        {
            if (RenditionLimits.BitratesOf(format) is not { } allowed)
            {
                errors.Add(new FieldError("bitrate", $"applies only to the lossy formats ({string.Join(", ", RenditionLimits.LossyFormats.Select(f => f.ToWire()))}); {format.ToWire()} is lossless"));
            }
            else if (!int.TryParse(bitrateText, NumberStyles.None, CultureInfo.InvariantCulture, out var kbps) || !allowed.Allows(kbps))
            {
                errors.Add(new FieldError("bitrate", $"for {format.ToWire()} must be {allowed.Describe()} (kbps)"));
            }
            else
            {
                bitrate = kbps;
            }
        }
        int? sampleRate = null;
        if (sampleRateText is not null)
        {
            var rates = RenditionLimits.SampleRatesOf(format);
            if (!int.TryParse(sampleRateText, NumberStyles.None, CultureInfo.InvariantCulture, out var rate) || !rates.Contains(rate))
            {
                errors.Add(new FieldError("sample_rate", $"for {format.ToWire()} must be one of {string.Join(", ", rates)}"));
            }
            else
            {
                sampleRate = rate;
            }
        }
        return errors.Count == before ? new RenditionSpec(format, bitrate, sampleRate) : null;
    }

    /// <summary>A suffix that tells this rendition's file apart from the default one, e.g. "@44100-128k".</summary>
    public string KeySuffix => string.Create(CultureInfo.InvariantCulture,
        $"@{(SampleRate is { } rate ? rate.ToString(CultureInfo.InvariantCulture) : "native")}-{(BitrateKbps is { } kbps ? kbps + "k" : "q")}");
}

/// <summary>The bitrates and sample rates a download may ask for, per format. The API's validation and its
/// documentation both read them from here.</summary>
public static class RenditionLimits
{
    public static IReadOnlyList<int> SampleRates { get; } = [44_100, 48_000];

    /// <summary>Opus always codes at 48 kHz (RFC 7845), so it offers no other rate.</summary>
    public static IReadOnlyList<int> OpusSampleRates { get; } = [48_000];

    public static IReadOnlyList<AudioFormat> LossyFormats { get; } = [AudioFormat.Mp3, AudioFormat.Ogg, AudioFormat.Opus];

    /// <summary>MP3 at a given bitrate is constant-bitrate, so only the bitrates an MPEG-1 Layer III frame can state.</summary>
    public static BitrateChoice Mp3 { get; } = new([32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320], 0, 0);

    /// <summary>Vorbis average bitrate: libvorbisenc has modes for stereo 44.1/48 kHz from about 45 to 500 kbps.</summary>
    public static BitrateChoice Ogg { get; } = new([], 64, 320);

    /// <summary>Opus: transparent for most music from about 128 kbps; 510 is the codec's own ceiling.</summary>
    public static BitrateChoice Opus { get; } = new([], 16, 510);

    public static BitrateChoice? BitratesOf(AudioFormat format) => format switch
    {
        AudioFormat.Mp3 => Mp3,
        AudioFormat.Ogg => Ogg,
        AudioFormat.Opus => Opus,
        _ => null,
    };

    public static IReadOnlyList<int> SampleRatesOf(AudioFormat format) => format == AudioFormat.Opus ? OpusSampleRates : SampleRates;
}

/// <summary>Either a list of allowed values or an inclusive range.</summary>
public sealed record BitrateChoice(IReadOnlyList<int> Values, int Minimum, int Maximum)
{
    public bool Allows(int kbps) => Values.Count > 0 ? Values.Contains(kbps) : kbps >= Minimum && kbps <= Maximum;

    public string Describe() => Values.Count > 0
        ? "one of " + string.Join(", ", Values)
        : string.Create(CultureInfo.InvariantCulture, $"from {Minimum} to {Maximum}");
}
