namespace AudioMusic.Audio.Dsp;

/// <summary>What a normalisation did: the loudness and true peak before and after, and the gain it applied.</summary>
public sealed record NormalizationReport(double InputLufs, double OutputLufs, double OutputTruePeakDb, double GainDb, int Passes);

/// <summary>Brings a master to a target integrated loudness under a true-peak ceiling, in place: gain towards
/// the target, true-peak limiting, re-measurement, and a further pass when limiting cost more loudness than the
/// tolerance (each pass only adds gain that the limiter then catches, so it converges from below in 2–3 passes).
/// Shared by every engine; the defaults are the streaming norm of −14 LUFS and −1 dBTP.</summary>
public sealed class LoudnessNormalizer
{
    public const double DefaultTargetLufs = -14;
    public const double DefaultCeilingDbtp = -1;

    private readonly int _sampleRate;
    private readonly double _targetLufs;
    private readonly double _ceilingDbtp;

    public LoudnessNormalizer(int sampleRate, double targetLufs = DefaultTargetLufs, double ceilingDbtp = DefaultCeilingDbtp)
    {
        _sampleRate = sampleRate;
        _targetLufs = targetLufs;
        _ceilingDbtp = ceilingDbtp;
    }

    /// <summary>Loudness may land this far from the target; half of the ±1 LU that listeners cannot tell apart.</summary>
    public double ToleranceLu { get; init; } = 0.3;

    public int MaxPasses { get; init; } = 4;

    public NormalizationReport Normalize(float[][] channels, CancellationToken cancellationToken = default)
    {
        var input = LoudnessMeter.IntegratedLoudness(channels, _sampleRate);
        if (double.IsNegativeInfinity(input))
        {
            // Silence (or shorter than one gating block): nothing to measure; only make sure peaks are legal.
            return new NormalizationReport(input, input, EnforceCeiling(channels, cancellationToken).PeakDb, 0, 0);
        }
        // Limit slightly under the ceiling: other meters' oversampling filters reconstruct peaks a little differently.
        var limiterCeiling = (float)Math.Pow(10, (_ceilingDbtp - 0.3) / 20);
        var limiter = new TruePeakLimiter(_sampleRate);
        var current = input;
        var totalGainDb = 0.0;
        var passes = 0;
        while (passes < MaxPasses && Math.Abs(current - _targetLufs) > ToleranceLu)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stepDb = _targetLufs - current;
            if (passes > 0)
            {
                // Limiting eats part of any added gain; overshooting a little makes the next pass land closer.
                stepDb *= 1.15;
            }
            limiter.Process(channels, limiterCeiling, (float)Math.Pow(10, stepDb / 20), cancellationToken);
            totalGainDb += stepDb;
            passes++;
            current = LoudnessMeter.IntegratedLoudness(channels, _sampleRate);
        }
        var (peakDb, limited) = EnforceCeiling(channels, cancellationToken);
        // The last pass already measured the programme; only a further limiting makes it worth measuring again.
        var output = limited ? LoudnessMeter.IntegratedLoudness(channels, _sampleRate) : current;
        return new NormalizationReport(input, output, peakDb, totalGainDb, passes);
    }

    /// <summary>Measures the true peak and, when it is over the ceiling, limits once more; returns the final dBTP
    /// and whether the samples were changed.</summary>
    private (double PeakDb, bool Limited) EnforceCeiling(float[][] channels, CancellationToken cancellationToken)
    {
        var ceiling = (float)Math.Pow(10, _ceilingDbtp / 20);
        var peak = TruePeakMeter.Measure(channels);
        if (peak <= ceiling)
        {
            return (TruePeakMeter.ToDb(peak), false);
        }
        new TruePeakLimiter(_sampleRate).Process(channels, ceiling * 0.97f, 1f, cancellationToken);
        peak = TruePeakMeter.Measure(channels);
        if (peak > ceiling)
        {
            var trim = ceiling / peak * 0.999f;
            foreach (var channel in channels)
            {
                for (var i = 0; i < channel.Length; i++)
                {
                    channel[i] *= trim;
                }
            }
            peak *= trim;
        }
        return (TruePeakMeter.ToDb(peak), true);
    }
}
