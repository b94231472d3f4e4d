using System.Numerics;

namespace AudioMusic.Audio.Dsp;

/// <summary>A look-ahead brick-wall limiter driven by true-peak (4× oversampled) detection, channel-linked.
/// The gain needed at every frame is turned into a smooth envelope that reaches it before the peak arrives:
/// a sliding minimum over the look-ahead window, an exponential release, then a moving average of the window's
/// length. Runs in place, streaming, with memory proportional to the look-ahead only.</summary>
public sealed class TruePeakLimiter
{
    private const int PeakBlock = 2048;

    private readonly int _lookahead;
    private readonly double _releaseCoefficient;

    public TruePeakLimiter(int sampleRate, double lookaheadMs = 1.5, double releaseMs = 80)
    {
        _lookahead = Math.Max(TruePeakMeter.TapsPerPhase, (int)Math.Round(sampleRate * lookaheadMs / 1000));
        _releaseCoefficient = 1 - Math.Exp(-1.0 / (releaseMs / 1000 * sampleRate));
    }

    /// <summary>Limits <paramref name="channels"/> in place so that no (oversampled) peak exceeds
    /// <paramref name="ceiling"/> (linear). <paramref name="gain"/> is applied first, as part of the same pass.
    /// Returns the smallest gain the limiter applied (1 when it never acted).</summary>
    public float Process(float[][] channels, float ceiling, float gain = 1f, CancellationToken cancellationToken = default)
    {
        if (gain != 1f)
        {
            foreach (var channel in channels)
            {
                Scale(channel, gain);
            }
        }
        var frames = channels[0].Length;
        var l = _lookahead;
        var ringSize = 1;
        while (ringSize < l + 2)
        {
            ringSize <<= 1;
        }
        var mask = ringSize - 1;
        var required = new float[ringSize];
        var dequeIndex = new int[ringSize];
        int head = 0, tail = 0;
        var held = new double[l];
        var heldSum = (double)l;
        Array.Fill(held, 1.0);
        var previousHold = 1.0;
        var slot = 0; // k % l, without the division
        // Consecutive frames held at exactly 1; from l on, every held value is 1 and nothing is applied.
        var settled = l;
        var smallest = 1f;
        // Linked true peaks of the next block of frames, computed (vectorised) when the block is reached. The
        // block's filter windows start 5 samples back, while gain has only been applied up to the look-ahead
        // (≥ 12 samples) back, so they still read unlimited samples, as the frame-by-frame detection did.
        var peaks = new float[PeakBlock];
        var peaksStart = -PeakBlock;

        for (var j = 0; j < frames + l; j++)
        {
            if ((j & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            if (j < frames)
            {
                if (j - peaksStart >= PeakBlock)
                {
                    peaksStart = j;
                    LinkedPeaks(channels, j, peaks.AsSpan(0, Math.Min(PeakBlock, frames - j)), ceiling);
                }
                var peak = peaks[j - peaksStart];
                if (peak > ceiling)
                {
                    // Only frames that need gain reduction enter the sliding minimum; an empty window's minimum is 1.
                    var need = ceiling / peak;
                    required[j & mask] = need;
                    while (tail > head && required[dequeIndex[(tail - 1) & mask] & mask] >= need)
                    {
                        tail--;
                    }
                    dequeIndex[tail & mask] = j;
                    tail++;
                }
            }
            var k = j - l;
            if (k < 0)
            {
                continue;
            }
            while (tail > head && dequeIndex[head & mask] < k)
            {
                head++;
            }
            var windowMin = tail > head ? required[dequeIndex[head & mask] & mask] : 1f;
            if (windowMin == 1f && settled >= l)
            {
                continue;
            }
            var hold = Math.Min(windowMin, previousHold + (1 - previousHold) * _releaseCoefficient);
            if (hold > 1 - 1e-9)
            {
                // The release approaches 1 geometrically and would never reach it in double arithmetic; the last
                // 1e-9 is far below float resolution, and reaching 1 lets the limiter settle.
                hold = 1;
            }
            previousHold = hold;
            heldSum += hold - held[slot];
            held[slot] = hold;
            slot = slot + 1 == l ? 0 : slot + 1;
            settled = hold == 1.0 ? settled + 1 : 0;
            if (settled == l)
            {
                // Every held value is 1 again: drop the rounding the running sum has gathered.
                heldSum = l;
            }
            var applied = (float)Math.Min(1.0, heldSum / l);
            if (applied < 1f)
            {
                smallest = Math.Min(smallest, applied);
                foreach (var channel in channels)
                {
                    channel[k] *= applied;
                }
            }
        }
        return smallest;
    }

    /// <summary>Linked true peaks of a block of frames; only those over the ceiling are needed exactly.</summary>
    private static void LinkedPeaks(float[][] channels, int start, Span<float> peaks, float ceiling)
    {
        peaks.Clear();
        foreach (var channel in channels)
        {
            TruePeakMeter.AccumulatePeaks(channel, start, peaks, ceiling);
        }
    }

    private static void Scale(float[] x, float gain)
    {
        var width = Vector<float>.Count;
        var g = new Vector<float>(gain);
        var span = x.AsSpan();
        var i = 0;
        for (; i <= span.Length - width; i += width)
        {
            (new Vector<float>(span[i..]) * g).CopyTo(span[i..]);
        }
        for (; i < span.Length; i++)
        {
            span[i] *= gain;
        }
    }
}
