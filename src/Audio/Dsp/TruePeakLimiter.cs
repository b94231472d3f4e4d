namespace AudioMusic.Audio.Dsp;

/// <summary>A look-ahead brick-wall limiter driven by true-peak (4× oversampled) detection, channel-linked.
/// The gain needed at every frame is turned into a smooth envelope that reaches it before the peak arrives:
/// a sliding minimum over the look-ahead window, an exponential release, then a moving average of the window's
/// length. Runs in place, streaming, with memory proportional to the look-ahead only.</summary>
public sealed class TruePeakLimiter
{
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
                for (var i = 0; i < channel.Length; i++)
                {
                    channel[i] *= gain;
                }
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
        var smallest = 1f;

        for (var j = 0; j < frames + l; j++)
        {
            if ((j & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var need = j < frames ? RequiredGain(channels, j, ceiling) : 1f;
            required[j & mask] = need;
            while (tail > head && required[dequeIndex[(tail - 1) & mask] & mask] >= need)
            {
                tail--;
            }
            dequeIndex[tail & mask] = j;
            tail++;
            var k = j - l;
            if (k < 0)
            {
                continue;
            }
            while (dequeIndex[head & mask] < k)
            {
                head++;
            }
            var windowMin = required[dequeIndex[head & mask] & mask];
            var hold = Math.Min(windowMin, previousHold + (1 - previousHold) * _releaseCoefficient);
            previousHold = hold;
            var slot = k % l;
            heldSum += hold - held[slot];
            held[slot] = hold;
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

    private static float RequiredGain(float[][] channels, int index, float ceiling)
    {
        var peak = 0f;
        foreach (var channel in channels)
        {
            // A reconstructed point is a weighted sum of nearby samples with weights summing to ~1.3 in
            // absolute value, so samples well under the ceiling cannot produce an over: skip the filter there.
            var sample = Math.Abs(channel[index]);
            var next = index + 1 < channel.Length ? Math.Abs(channel[index + 1]) : 0f;
            if (Math.Max(sample, next) * 2f < ceiling)
            {
                peak = Math.Max(peak, sample);
                continue;
            }
            peak = Math.Max(peak, TruePeakMeter.PeakAround(channel, index));
        }
        return peak > ceiling ? ceiling / peak : 1f;
    }
}
