namespace AudioMusic.Engines.BuiltIn.Mixing;

/// <summary>A stereo-linked feed-forward bus compressor (peak detector with attack/release, soft knee) that glues
/// the mix before mastering. Gain is computed per 16-sample block and interpolated, which keeps the log/exp
/// math out of the per-sample loop.</summary>
internal sealed class BusCompressor
{
    private const int Block = 16;

    private readonly float _attack;
    private readonly float _release;
    private readonly float _thresholdDb;
    private readonly float _ratio;
    private readonly float _kneeDb;

    public BusCompressor(int sampleRate, float thresholdDb = -16f, float ratio = 2.5f, double attackMs = 12, double releaseMs = 160, float kneeDb = 6f)
    {
        _attack = (float)Math.Exp(-1.0 / (attackMs / 1000 * sampleRate / Block));
        _release = (float)Math.Exp(-1.0 / (releaseMs / 1000 * sampleRate / Block));
        _thresholdDb = thresholdDb;
        _ratio = ratio;
        _kneeDb = kneeDb;
    }

    /// <summary>Compresses in place; <paramref name="makeUpToPeak"/> then scales the result back to its input peak level.</summary>
    public void Process(float[] left, float[] right, CancellationToken cancellationToken)
    {
        var envelopeDb = -120f;
        var previousGain = 1f;
        for (var start = 0; start < left.Length; start += Block)
        {
            if ((start & 16383) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var end = Math.Min(left.Length, start + Block);
            var peak = 1e-9f;
            for (var i = start; i < end; i++)
            {
                peak = Math.Max(peak, Math.Max(Math.Abs(left[i]), Math.Abs(right[i])));
            }
            var levelDb = 20f * MathF.Log10(peak);
            var coefficient = levelDb > envelopeDb ? _attack : _release;
            envelopeDb = levelDb + (envelopeDb - levelDb) * coefficient;
            var gain = MathF.Pow(10f, -ReductionDb(envelopeDb) / 20f);
            var step = (gain - previousGain) / (end - start);
            var g = previousGain;
            for (var i = start; i < end; i++)
            {
                g += step;
                left[i] *= g;
                right[i] *= g;
            }
            previousGain = gain;
        }
    }

    private float ReductionDb(float levelDb)
    {
        var over = levelDb - _thresholdDb;
        if (over <= -_kneeDb / 2)
        {
            return 0f;
        }
        var slope = 1f - 1f / _ratio;
        if (over < _kneeDb / 2)
        {
            var x = over + _kneeDb / 2;
            return slope * x * x / (2 * _kneeDb);
        }
        return slope * over;
    }
}
