using System.Globalization;
using System.Runtime.InteropServices;
using AudioMusic.Audio;

namespace AudioMusic.TestSupport;

/// <summary>Decodes any file ffmpeg reads (FLAC, WAV, MP3, Ogg Vorbis) to planar float PCM at its native rate and
/// channel count, so tests judge our files by what an independent decoder hears.</summary>
public static class ExternalDecoder
{
    public static AudioBuffer Decode(string path)
    {
        var (rate, channels) = Probe(path);
        var result = ExternalTool.RunChecked("ffmpeg", ["-v", "error", "-nostdin", "-i", path, "-map", "0:a:0", "-f", "f32le", "-acodec", "pcm_f32le", "-"]);
        var samples = MemoryMarshal.Cast<byte, float>(result.StandardOutput);
        var frames = samples.Length / channels;
        var planar = new float[channels][];
        for (var c = 0; c < channels; c++)
        {
            planar[c] = new float[frames];
        }
        for (var i = 0; i < frames; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                planar[c][i] = samples[(i * channels) + c];
            }
        }
        return new AudioBuffer(rate, planar);
    }

    /// <summary>Decodes encoded bytes by way of a temporary file (ffmpeg needs to seek in some containers).</summary>
    public static AudioBuffer Decode(byte[] encoded, string extension)
    {
        using var file = TemporaryFile.With(encoded, extension);
        return Decode(file.Path);
    }

    /// <summary>Sample rate and channel count of the first audio stream, as ffprobe reports them.</summary>
    public static (int SampleRate, int Channels) Probe(string path)
    {
        var result = ExternalTool.RunChecked("ffprobe", ["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=sample_rate,channels", "-of", "default=noprint_wrappers=1", path]);
        var fields = System.Text.Encoding.UTF8.GetString(result.StandardOutput)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1]);
        if (!fields.TryGetValue("sample_rate", out var rate) || !fields.TryGetValue("channels", out var channels))
        {
            throw new InvalidOperationException($"ffprobe found no audio stream in {path}.");
        }
        return (int.Parse(rate, CultureInfo.InvariantCulture), int.Parse(channels, CultureInfo.InvariantCulture));
    }
}
