using System.Globalization;
using System.Text.RegularExpressions;
using AudioMusic.Domain;
using AudioMusic.Grains;

namespace AudioMusic.ApiHost.Outputs;

/// <summary>An output's sung lines with start and end times (seconds from the start of the audio).</summary>
public sealed record TimedLyricsDto(int Index, double Duration, IReadOnlyList<TimedLineDto> Lines);

public sealed record TimedLineDto(double Start, double End, string Text);

public static partial class TimedLyrics
{
    /// <summary>The lines as the engine timed them; for outputs stored before end times were kept, the LRC's start
    /// times, each line ending where the next begins (the last where the audio ends).</summary>
    public static TimedLyricsDto Of(JobAudio output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var lines = output.Lyrics.Count > 0 ? output.Lyrics : ParseLrc(output.LrcContent);
        var timed = lines.Select((line, i) =>
        {
            var next = i + 1 < lines.Count ? lines[i + 1].StartSeconds : output.DurationSeconds;
            return new TimedLineDto(Math.Round(line.StartSeconds, 3), Math.Round(line.EndSeconds ?? next, 3), line.Text);
        }).ToList();
        return new TimedLyricsDto(output.Index, Math.Round(output.DurationSeconds, 3), timed);
    }

    private static List<LyricLine> ParseLrc(string? lrc) =>
        (lrc ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => LrcLine().Match(line))
            .Where(m => m.Success)
            .Select(m => new LyricLine(
                (int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) * 60) + double.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture),
                m.Groups["text"].Value))
            .ToList();

    [GeneratedRegex(@"^\[(?<m>\d+):(?<s>\d+(\.\d+)?)\](?<text>.*)$")]
    private static partial Regex LrcLine();
}
