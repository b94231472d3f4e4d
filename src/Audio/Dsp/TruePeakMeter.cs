using System.Numerics;

namespace AudioMusic.Audio.Dsp;

/// <summary>True-peak estimation by 4× polyphase oversampling (BS.1770-4 annex 2): the inter-sample peaks a
/// DAC or a lossy decoder reconstructs, which sample peaks miss by up to several dB.</summary>
public static class TruePeakMeter
{
    public const int Oversampling = 4;
    public const int TapsPerPhase = 12;

    /// <summary>Interpolation filter phases 1..3 (phase 0 is the sample itself): a Kaiser-windowed sinc cut at
    /// the original Nyquist frequency. Phase p weights samples x[n-5..n+6] to estimate x(n + p/4).</summary>
    internal static float[][] Phases { get; } = BuildPhases();

    /// <summary>The same taps, each broadcast across a vector, for the vectorised filter.</summary>
    private static readonly Vector<float>[][] PhaseVectors = Phases.Select(phase => phase.Select(t => new Vector<float>(t)).ToArray()).ToArray();

    /// <summary>The largest absolute tap sum of any phase (1 for the sample itself), with a margin for rounding:
    /// no reconstructed point exceeds it times the largest sample in its window.</summary>
    private static readonly Vector<float> TapSumBound = new(1.001f * Phases.Max(phase => phase.Sum(MathF.Abs)));

    /// <summary>Largest absolute reconstructed value over all channels (linear, 1.0 = 0 dBTP).</summary>
    public static float Measure(IReadOnlyList<float[]> channels, float gain = 1f)
    {
        const int block = 4096;
        var peaks = new float[block];
        var peak = 0f;
        foreach (var channel in channels)
        {
            for (var start = 0; start < channel.Length; start += block)
            {
                var span = peaks.AsSpan(0, Math.Min(block, channel.Length - start));
                span.Clear();
                AccumulatePeaks(channel, start, span, peak);
                peak = Math.Max(peak, Max(span));
            }
        }
        return peak * Math.Abs(gain);
    }

    /// <summary>Raises <c>peaks[i]</c> to <see cref="PeakAround"/> of <c>x[start + i]</c> for every i whose true peak
    /// may exceed <paramref name="floor"/> (others may be left lower): a vector of samples at a time where the whole
    /// filter window lies inside <paramref name="x"/> (the same sums, in the same order, as the scalar path), sample
    /// by sample at the edges. A reconstructed point is at most the filter's absolute tap sum times the largest
    /// sample in its window, so a vector whose window is quiet enough is not filtered at all.</summary>
    internal static void AccumulatePeaks(float[] x, int start, Span<float> peaks, float floor)
    {
        const int before = TapsPerPhase / 2 - 1;
        var width = Vector<float>.Count;
        var end = start + peaks.Length;
        var i = start;
        for (; i < end && i < before; i++)
        {
            peaks[i - start] = Math.Max(peaks[i - start], PeakAround(x, i));
        }
        var samples = x.AsSpan();
        for (; i + width <= end && i - before + TapsPerPhase + width - 1 <= x.Length; i += width)
        {
            var windowStart = i - before;
            var windowEnd = i - before + TapsPerPhase + width - 1;
            var loudest = Vector.Abs(new Vector<float>(samples[(windowEnd - width)..]));
            for (var o = windowStart; o < windowEnd - width; o += width)
            {
                loudest = Vector.Max(loudest, Vector.Abs(new Vector<float>(samples[o..])));
            }
            if (Vector.LessThanOrEqualAll(loudest * TapSumBound, new Vector<float>(floor)))
            {
                continue;
            }
            var peak = Vector.Abs(new Vector<float>(samples[i..]));
            for (var p = 0; p < PhaseVectors.Length; p++)
            {
                var taps = PhaseVectors[p];
                var sum = Vector<float>.Zero;
                for (var t = 0; t < TapsPerPhase; t++)
                {
                    sum += new Vector<float>(samples[(i - before + t)..]) * taps[t];
                }
                peak = Vector.Max(peak, Vector.Abs(sum));
            }
            var target = peaks[(i - start)..];
            Vector.Max(new Vector<float>(target), peak).CopyTo(target);
        }
        for (; i < end; i++)
        {
            peaks[i - start] = Math.Max(peaks[i - start], PeakAround(x, i));
        }
    }

    private static float Max(ReadOnlySpan<float> values)
    {
        var width = Vector<float>.Count;
        var vector = Vector<float>.Zero;
        var i = 0;
        for (; i <= values.Length - width; i += width)
        {
            vector = Vector.Max(vector, new Vector<float>(values[i..]));
        }
        var max = 0f;
        for (var lane = 0; lane < width; lane++)
        {
            max = Math.Max(max, vector[lane]);
        }
        for (; i < values.Length; i++)
        {
            max = Math.Max(max, values[i]);
        }
        return max;
    }

    public static double ToDb(float linear) => linear <= 0 ? double.NegativeInfinity : 20 * Math.Log10(linear);

    /// <summary>Peak of the sample at <paramref name="index"/> and the three reconstructed points after it.</summary>
    internal static float PeakAround(float[] x, int index)
    {
        var peak = Math.Abs(x[index]);
        const int before = TapsPerPhase / 2 - 1;
        var start = index - before;
        if (start >= 0 && start + TapsPerPhase <= x.Length)
        {
            var window = new ReadOnlySpan<float>(x, start, TapsPerPhase);
            foreach (var phase in Phases)
            {
                var v = Math.Abs(Dot(window, phase));
                if (v > peak)
                {
                    peak = v;
                }
            }
            return peak;
        }
        foreach (var phase in Phases)
        {
            var sum = 0f;
            for (var t = 0; t < TapsPerPhase; t++)
            {
                var j = start + t;
                if ((uint)j < (uint)x.Length)
                {
                    sum += x[j] * phase[t];
                }
            }
            peak = Math.Max(peak, Math.Abs(sum));
        }
        return peak;
    }

    private static float Dot(ReadOnlySpan<float> a, float[] b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static float[][] BuildPhases()
    {
        const double beta = 7.0;
        var phases = new float[Oversampling - 1][];
        const int before = TapsPerPhase / 2 - 1;
        for (var p = 1; p < Oversampling; p++)
        {
            var fraction = (double)p / Oversampling;
            var taps = new float[TapsPerPhase];
            var sum = 0.0;
            for (var t = 0; t < TapsPerPhase; t++)
            {
                // Distance from the tap's sample to the point being reconstructed.
                var distance = t - before - fraction;
                var sinc = Math.Abs(distance) < 1e-12 ? 1.0 : Math.Sin(Math.PI * distance) / (Math.PI * distance);
                var position = distance / (TapsPerPhase / 2.0);
                var window = Math.Abs(position) >= 1 ? 0 : BesselI0(beta * Math.Sqrt(1 - position * position)) / BesselI0(beta);
                taps[t] = (float)(sinc * window);
                sum += sinc * window;
            }
            for (var t = 0; t < TapsPerPhase; t++)
            {
                taps[t] = (float)(taps[t] / sum);
            }
            phases[p - 1] = taps;
        }
        return phases;
    }

    private static double BesselI0(double x)
    {
        var sum = 1.0;
        var term = 1.0;
        for (var k = 1; k < 30; k++)
        {
            term *= x / (2 * k) * (x / (2 * k));
            sum += term;
        }
        return sum;
    }
}
