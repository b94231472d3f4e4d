using System.Globalization;
using System.Text.Json;

namespace AudioMusic.TestSupport;

/// <summary>What ffprobe says of a file: codec, rate, channels, duration, bitrate and every tag (format-level and
/// stream-level, keys upper-cased, since containers differ in where they keep them).</summary>
public sealed record MediaProbe(string Codec, int SampleRate, int Channels, double DurationSeconds, long? BitRate, IReadOnlyDictionary<string, string> Tags)
{
    public static MediaProbe Of(byte[] file, string extension)
    {
        using var temporary = TemporaryFile.With(file, extension);
        return Of(temporary.Path);
    }

    public static MediaProbe Of(string path)
    {
        var result = ExternalTool.RunChecked("ffprobe", ["-v", "error", "-select_streams", "a:0", "-show_entries",
            "stream=codec_name,sample_rate,channels,duration,bit_rate:stream_tags:format=duration,bit_rate:format_tags", "-of", "json", path]);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var stream = json.RootElement.GetProperty("streams")[0];
        var format = json.RootElement.GetProperty("format");
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var holder in new[] { format, stream })
        {
            if (holder.TryGetProperty("tags", out var found))
            {
                foreach (var tag in found.EnumerateObject())
                {
                    tags[tag.Name.ToUpperInvariant()] = tag.Value.GetString() ?? "";
                }
            }
        }
        var duration = Number(stream, "duration") ?? Number(format, "duration") ?? 0;
        var bitRate = Number(stream, "bit_rate") ?? Number(format, "bit_rate");
        return new MediaProbe(stream.GetProperty("codec_name").GetString()!, (int)Number(stream, "sample_rate")!.Value,
            stream.GetProperty("channels").GetInt32(), duration, bitRate is { } b ? (long)b : null, tags);
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
}
