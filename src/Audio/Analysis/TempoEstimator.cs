namespace AudioMusic.Audio.Analysis;

/// <summary>Estimates tempo in beats per minute from the periodicity of the onset envelope.
/// The period is scored by autocorrelation (of the log-compressed envelope) at one to four whole periods, which
/// sharpens the estimate far below one envelope frame. Octave (and triple) errors are resolved by metrical
/// evidence in the band-balanced linear envelope, not by a prior: a two or three times faster pulse is chosen when the pulses
/// between the beats are nearly half as strong as the beats (then they are beats, not subdivisions), the half
/// tempo when every other beat is under a third as strong as its neighbours (then the faster level is a
/// subdivision). Between those ratios the autocorrelation's choice stands.</summary>
public static class TempoEstimator
{
    public const double DefaultMinBpm = 50;
    public const double DefaultMaxBpm = 210;

    private const double PromotionRatio = 0.45;
    private const double DemotionRatio = 0.3;

    public static double Estimate(AudioBuffer audio, double minBpm = DefaultMinBpm, double maxBpm = DefaultMaxBpm)
    {
        ArgumentNullException.ThrowIfNull(audio);
        return Estimate(Downmix.Mono(audio), audio.SampleRate, minBpm, maxBpm);
    }

    /// <summary>As above, of a mono signal (or a stretch of one).</summary>
    public static double Estimate(ReadOnlyMemory<float> mono, int sampleRate, double minBpm = DefaultMinBpm, double maxBpm = DefaultMaxBpm)
    {
        var (periodicity, accents) = TempoEnvelopes.Compute(mono, sampleRate);
        return Estimate(periodicity, accents, minBpm, maxBpm);
    }

    /// <param name="periodicity">Log-compressed envelope, for the period.</param>
    /// <param name="accents">Linear (band-balanced) envelope of the same audio, for comparing the strength of pulses.</param>
    public static double Estimate(OnsetEnvelope periodicity, OnsetEnvelope accents, double minBpm = DefaultMinBpm, double maxBpm = DefaultMaxBpm)
    {
        var fps = periodicity.FramesPerSecond;
        var autocorrelation = Autocorrelation(periodicity.Detrended(), (int)(fps * 60 / (minBpm / 4)) + 2);
        var linear = accents.Detrended();
        var best = BestBpm(autocorrelation, fps, minBpm, maxBpm);

        var promoted = true;
        while (promoted)
        {
            promoted = false;
            foreach (var factor in new[] { 2, 3 })
            {
                if (best * factor > maxBpm * 1.03 || SubdivisionRatio(linear, fps, best, factor) < PromotionRatio)
                {
                    continue;
                }
                best = BestBpm(autocorrelation, fps, best * factor * 0.97, Math.Min(maxBpm, best * factor * 1.03));
                promoted = true;
                break;
            }
        }
        if (best / 2 >= minBpm * 0.97)
        {
            var (strong, weak) = AlternateBeatStrengths(linear, fps, best);
            if (strong > 0 && weak / strong < DemotionRatio)
            {
                return BestBpm(autocorrelation, fps, Math.Max(minBpm, best / 2 * 0.97), best / 2 * 1.03);
            }
        }
        return best;
    }

    /// <summary>Mean strength of the pulses dividing each beat into <paramref name="factor"/> parts, relative to
    /// the beats themselves.</summary>
    private static double SubdivisionRatio(double[] envelope, double fps, double bpm, int factor)
    {
        var period = fps * 60 / bpm;
        var phase = BestPhase(envelope, period);
        var beats = MeanAt(envelope, phase, period);
        if (beats <= 0)
        {
            return 0;
        }
        var between = Enumerable.Range(1, factor - 1).Average(j => MeanAt(envelope, phase + (j * period / factor), period));
        return between / beats;
    }

    /// <summary>The bpm in [min, max] (searched in 0.02-bpm steps) whose period best explains the envelope.</summary>
    private static double BestBpm(double[] autocorrelation, double fps, double minBpm, double maxBpm)
    {
        var bestBpm = minBpm;
        var bestScore = double.NegativeInfinity;
        for (var bpm = minBpm; bpm <= maxBpm; bpm += 0.02)
        {
            var period = fps * 60 / bpm;
            double score = 0;
            var used = 0;
            for (var k = 1; k <= 4 && (k * period) < autocorrelation.Length - 1; k++)
            {
                score += OnsetEnvelope.At(autocorrelation, k * period);
                used++;
            }
            if (used == 0)
            {
                continue;
            }
            score /= used;
            if (score > bestScore)
            {
                bestScore = score;
                bestBpm = bpm;
            }
        }
        return bestBpm;
    }

    private static double[] Autocorrelation(double[] values, int maxLag)
    {
        maxLag = Math.Min(maxLag, values.Length - 1);
        var result = new double[Math.Max(1, maxLag + 1)];
        for (var lag = 0; lag <= maxLag; lag++)
        {
            double sum = 0;
            for (var i = lag; i < values.Length; i++)
            {
                sum += values[i] * values[i - lag];
            }
            // Unbiased: fewer products at long lags must not lower their score.
            result[lag] = sum / (values.Length - lag);
        }
        return result;
    }

    /// <summary>Mean strength of the stronger and of the weaker set of alternate beats (even vs odd beats).</summary>
    private static (double Strong, double Weak) AlternateBeatStrengths(double[] envelope, double fps, double bpm)
    {
        var period = fps * 60 / bpm;
        var phase = BestPhase(envelope, period);
        var even = MeanAt(envelope, phase, 2 * period);
        var odd = MeanAt(envelope, phase + period, 2 * period);
        return (Math.Max(even, odd), Math.Min(even, odd));
    }

    /// <summary>The offset (within one period) where pulses at that period collect the most onset strength.</summary>
    public static double BestPhase(double[] envelope, double period)
    {
        var bestPhase = 0.0;
        var best = double.NegativeInfinity;
        for (var phase = 0.0; phase < period; phase += 0.5)
        {
            var strength = MeanAt(envelope, phase, period);
            if (strength > best)
            {
                best = strength;
                bestPhase = phase;
            }
        }
        return bestPhase;
    }

    /// <summary>Mean of the envelope's local maxima (±1 frame) at phase, phase + period, … .</summary>
    public static double MeanAt(double[] envelope, double phase, double period)
    {
        double sum = 0;
        var count = 0;
        for (var position = phase; position < envelope.Length - 1; position += period)
        {
            var centre = (int)Math.Round(position);
            var local = 0.0;
            for (var i = Math.Max(0, centre - 1); i <= Math.Min(envelope.Length - 1, centre + 1); i++)
            {
                local = Math.Max(local, envelope[i]);
            }
            sum += local;
            count++;
        }
        return count == 0 ? 0 : sum / count;
    }
}
