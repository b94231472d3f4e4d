using AudioMusic.Audio;

namespace AudioMusic.TestSupport;

/// <summary>Onset times by peak picking on the detrended onset envelope: a frame is an onset when it is the largest
/// within ±<see cref="MinimumGapSeconds"/>/2 and exceeds an adaptive threshold (median of its neighbourhood plus a
/// fraction of the envelope's largest value).</summary>
public static class OnsetDetector
{
    public const double MinimumGapSeconds = 0.05;

    public static IReadOnlyList<double> Detect(AudioBuffer audio, double sensitivity = 0.1) =>
        Detect(OnsetEnvelope.Compute(Signal.Mono(audio), audio.SampleRate), sensitivity);

    /// <summary><paramref name="sensitivity"/>: the fraction of the strongest onset a peak must rise above its
    /// local median to count (lower finds softer onsets).</summary>
    public static IReadOnlyList<double> Detect(OnsetEnvelope envelope, double sensitivity = 0.1)
    {
        var values = envelope.Values;
        if (values.Length < 3)
        {
            return [];
        }
        var fps = envelope.FramesPerSecond;
        var halfGap = Math.Max(1, (int)(MinimumGapSeconds * fps / 2));
        var medianRadius = (int)(0.25 * fps);
        var floor = sensitivity * values.Max();
        var onsets = new List<double>();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] <= floor || !IsLocalMaximum(values, i, halfGap))
            {
                continue;
            }
            var lo = Math.Max(0, i - medianRadius);
            var hi = Math.Min(values.Length - 1, i + medianRadius);
            var neighbourhood = values[lo..(hi + 1)];
            Array.Sort(neighbourhood);
            var median = neighbourhood[neighbourhood.Length / 2];
            if (values[i] - median > floor)
            {
                // The flux frame is centred on its hop; the rise it measures lies half a hop earlier.
                onsets.Add(Math.Max(0, (i - 0.5) / fps));
            }
        }
        return onsets;
    }

    private static bool IsLocalMaximum(double[] values, int i, int halfGap)
    {
        for (var j = Math.Max(0, i - halfGap); j <= Math.Min(values.Length - 1, i + halfGap); j++)
        {
            // Ties go to the earliest frame so that a flat top yields one onset.
            if (values[j] > values[i] || (values[j] == values[i] && j < i))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The onset nearest to <paramref name="time"/>, or null when there is none.</summary>
    public static double? Nearest(IReadOnlyList<double> onsets, double time) =>
        onsets.Count == 0 ? null : onsets.MinBy(o => Math.Abs(o - time));
}
