using AudioMusic.Audio.Analysis;
using AudioMusic.Audio;

namespace AudioMusic.TestSupport;

/// <summary>Onset times by peak picking on the detrended onset envelope: a frame is an onset when it is the largest
/// within ±<see cref="MinimumGapSeconds"/>/2 and exceeds an adaptive threshold (median of its neighbourhood plus a
/// fraction of the envelope's largest value). Given the audio, each onset is then placed on the sample stream: the
/// envelope's 2048-sample window sees a sound up to half a window before it starts (clicks came out about 19 ms
/// early), so the time is moved to the steepest rise of short-block energy near the frame.</summary>
public static class OnsetDetector
{
    public const double MinimumGapSeconds = 0.05;

    /// <summary>Energy blocks for the refinement: 2 ms long, every 0.5 ms.</summary>
    private const double BlockSeconds = 0.002;
    private const int BlockSteps = 4;

    /// <summary>How far before the frame's time the sound may really start (the frame time is already half a hop
    /// early, and humanised onsets spread a few milliseconds).</summary>
    private const double SearchBeforeSeconds = 0.02;

    /// <summary>Energy below this fraction of the search region's loudest block counts as silence, so that a rise out
    /// of the noise floor (or a reverb tail) is not mistaken for the onset.</summary>
    private const double SilenceFraction = 1e-3;

    public static IReadOnlyList<double> Detect(AudioBuffer audio, double sensitivity = 0.1)
    {
        var mono = Signal.Mono(audio);
        var frames = Detect(OnsetEnvelope.Compute(mono, audio.SampleRate), sensitivity);
        var refined = new List<double>(frames.Count);
        foreach (var time in frames)
        {
            var onset = Refine(mono, audio.SampleRate, time);
            // Two frame peaks can refine onto the same rise; it is one onset.
            if (refined.Count == 0 || onset - refined[^1] >= MinimumGapSeconds / 2)
            {
                refined.Add(onset);
            }
        }
        return refined;
    }

    /// <summary>The start of the 2 ms block whose energy rises most over the block just before it, searched from
    /// <see cref="SearchBeforeSeconds"/> before <paramref name="frameTime"/> to half an envelope window after it
    /// (the latest the sound can start and still have peaked the flux at that frame).</summary>
    private static double Refine(ReadOnlySpan<float> mono, int sampleRate, double frameTime)
    {
        var block = Math.Max(BlockSteps, (int)Math.Round(BlockSeconds * sampleRate));
        var step = block / BlockSteps;
        var first = Math.Max(0, (int)((frameTime - SearchBeforeSeconds) * sampleRate));
        var last = Math.Min(mono.Length - block, (int)(frameTime * sampleRate) + (OnsetEnvelope.FrameSize / 2));
        if (last < first)
        {
            return frameTime;
        }
        // Energy of the block starting at each candidate and of the block ending there.
        var count = ((last - first) / step) + 1;
        var after = new double[count];
        var before = new double[count];
        for (var k = 0; k < count; k++)
        {
            var start = first + (k * step);
            after[k] = Energy(mono, start, block);
            before[k] = Energy(mono, start - block, block);
        }
        var floor = Math.Max(SilenceFraction * after.Max(), 1e-20);
        var best = 0;
        for (var k = 1; k < count; k++)
        {
            if ((after[k] + floor) / (before[k] + floor) > (after[best] + floor) / (before[best] + floor))
            {
                best = k;
            }
        }
        return (double)(first + (best * step)) / sampleRate;
    }

    /// <summary>Sum of squares of the block; samples before the signal's start count as silence, so a sound that
    /// starts the signal rises out of nothing.</summary>
    private static double Energy(ReadOnlySpan<float> mono, int start, int length)
    {
        var from = Math.Max(0, start);
        var to = Math.Min(mono.Length, start + length);
        double sum = 0;
        foreach (var x in mono[from..Math.Max(from, to)])
        {
            sum += x * x;
        }
        return sum;
    }

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
