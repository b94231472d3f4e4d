using System.Globalization;
using System.Text.RegularExpressions;

namespace AudioMusic.TestSupport;

/// <summary>EBU R128 integrated loudness and true peak as ffmpeg's ebur128 filter measures them, so a loudness
/// check does not rely on the meter of the code under test.</summary>
public static partial class Loudness
{
    public static LoudnessMeasurement Measure(string path)
    {
        var result = ExternalTool.RunChecked("ffmpeg", ["-hide_banner", "-nostats", "-nostdin", "-i", path, "-filter_complex", "ebur128=peak=true", "-f", "null", "-"]);
        return Parse(result.StandardError);
    }

    public static LoudnessMeasurement Measure(byte[] encoded, string extension)
    {
        using var file = TemporaryFile.With(encoded, extension);
        return Measure(file.Path);
    }

    /// <summary>Reads the filter's closing summary (the per-frame lines before it carry running values).</summary>
    public static LoudnessMeasurement Parse(string ffmpegLog)
    {
        var summaryAt = ffmpegLog.LastIndexOf("Summary:", StringComparison.Ordinal);
        if (summaryAt < 0)
        {
            throw new InvalidOperationException("ffmpeg printed no ebur128 summary.");
        }
        var summary = ffmpegLog[summaryAt..];
        var integrated = IntegratedPattern().Match(summary);
        var peak = TruePeakPattern().Match(summary);
        if (!integrated.Success || !peak.Success)
        {
            throw new InvalidOperationException($"Unexpected ebur128 summary: {summary}");
        }
        return new LoudnessMeasurement(ParseLevel(integrated.Groups["value"].Value), ParseLevel(peak.Groups["value"].Value));
    }

    private static double ParseLevel(string text) => text switch
    {
        "-inf" => double.NegativeInfinity,
        "inf" or "+inf" => double.PositiveInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"Integrated loudness:\s*I:\s*(?<value>[-+]?(?:inf|\d+(?:\.\d+)?))\s*LUFS", RegexOptions.CultureInvariant)]
    private static partial Regex IntegratedPattern();

    // The filter labels true peak "dBFS"; with peak=true it is the oversampled true peak, i.e. dBTP.
    [GeneratedRegex(@"True peak:\s*Peak:\s*(?<value>[-+]?(?:inf|\d+(?:\.\d+)?))\s*dBFS", RegexOptions.CultureInvariant)]
    private static partial Regex TruePeakPattern();
}

public sealed record LoudnessMeasurement(double IntegratedLufs, double TruePeakDbtp);
