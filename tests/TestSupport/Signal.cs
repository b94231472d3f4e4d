using AudioMusic.Audio;

namespace AudioMusic.TestSupport;

/// <summary>Level, energy and similarity measures on PCM.</summary>
public static class Signal
{
    public static float[] Mono(AudioBuffer audio) => AudioMusic.Audio.Analysis.Downmix.Mono(audio);

    public static double Rms(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty)
        {
            return 0;
        }
        double sum = 0;
        foreach (var s in samples)
        {
            sum += (double)s * s;
        }
        return Math.Sqrt(sum / samples.Length);
    }

    public static double ToDecibels(double amplitude) => amplitude <= 0 ? double.NegativeInfinity : 20 * Math.Log10(amplitude);

    public static double RmsDb(ReadOnlySpan<float> samples) => ToDecibels(Rms(samples));

    public static double Peak(ReadOnlySpan<float> samples)
    {
        double peak = 0;
        foreach (var s in samples)
        {
            peak = Math.Max(peak, Math.Abs(s));
        }
        return peak;
    }

    /// <summary>RMS in consecutive windows of <paramref name="window"/> samples.</summary>
    public static double[] RmsEnvelope(ReadOnlySpan<float> samples, int window)
    {
        var count = samples.Length / window;
        var envelope = new double[count];
        for (var w = 0; w < count; w++)
        {
            envelope[w] = Rms(samples.Slice(w * window, window));
        }
        return envelope;
    }

    /// <summary>Pearson correlation of two equally long runs.</summary>
    public static double Correlation(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = Math.Min(a.Length, b.Length);
        double meanA = 0, meanB = 0;
        for (var i = 0; i < n; i++)
        {
            meanA += a[i];
            meanB += b[i];
        }
        meanA /= n;
        meanB /= n;
        double cov = 0, varA = 0, varB = 0;
        for (var i = 0; i < n; i++)
        {
            var da = a[i] - meanA;
            var db = b[i] - meanB;
            cov += da * db;
            varA += da * da;
            varB += db * db;
        }
        return varA == 0 || varB == 0 ? 0 : cov / Math.Sqrt(varA * varB);
    }

    /// <summary>The shift of <paramref name="candidate"/> against <paramref name="reference"/> (in samples, within
    /// ±<paramref name="maxLag"/>) that correlates best, and that correlation. A lossy codec's decoder may add or
    /// trim a few samples of delay; this finds it instead of assuming it. Lags are tried from zero outwards and a
    /// farther lag must correlate clearly better, so a periodic signal (equally good every period) reports the
    /// smallest shift.</summary>
    public static (int Lag, double Correlation) BestAlignment(ReadOnlySpan<float> reference, ReadOnlySpan<float> candidate, int maxLag)
    {
        const double clearlyBetter = 1e-4;
        var bestLag = 0;
        var best = double.NegativeInfinity;
        for (var step = 0; step <= 2 * maxLag; step++)
        {
            var lag = (step + 1) / 2 * (step % 2 == 0 ? 1 : -1);
            var (referenceStart, candidateStart, length) = Overlap(reference.Length, candidate.Length, lag);
            if (length < 64)
            {
                continue;
            }
            var correlation = Correlation(reference.Slice(referenceStart, length), candidate.Slice(candidateStart, length));
            if (correlation > best + clearlyBetter)
            {
                best = correlation;
                bestLag = lag;
            }
        }
        return (bestLag, best);
    }

    /// <summary>Signal-to-noise ratio in dB of <paramref name="candidate"/> against <paramref name="reference"/>
    /// after shifting the candidate by <paramref name="lag"/> samples.</summary>
    public static double SnrDb(ReadOnlySpan<float> reference, ReadOnlySpan<float> candidate, int lag = 0)
    {
        var (referenceStart, candidateStart, length) = Overlap(reference.Length, candidate.Length, lag);
        var r = reference.Slice(referenceStart, Math.Max(0, length));
        var c = candidate.Slice(candidateStart, Math.Max(0, length));
        double signal = 0, noise = 0;
        for (var i = 0; i < r.Length; i++)
        {
            signal += (double)r[i] * r[i];
            var e = (double)r[i] - c[i];
            noise += e * e;
        }
        return noise == 0 ? double.PositiveInfinity : 10 * Math.Log10(signal / noise);
    }

    /// <summary>Where the overlapping parts start, and their length, when candidate sample i + lag lines up with
    /// reference sample i.</summary>
    private static (int ReferenceStart, int CandidateStart, int Length) Overlap(int referenceLength, int candidateLength, int lag)
    {
        var referenceStart = Math.Min(referenceLength, Math.Max(0, -lag));
        var candidateStart = Math.Min(candidateLength, Math.Max(0, lag));
        return (referenceStart, candidateStart, Math.Min(referenceLength - referenceStart, candidateLength - candidateStart));
    }
}
