using System.Runtime.Intrinsics;

namespace AudioMusic.Engines.BuiltIn.Mixing;

/// <summary>A stereo-linked feed-forward bus compressor (peak detector with attack/release, soft knee) that glues
/// the mix before mastering. Gain is computed per 16-sample block and interpolated, which keeps the log/exp
/// math out of the per-sample loop.</summary>
internal sealed class BusCompressor
{
    private const int Block = 16;
    private const int Width = 8;

    /// <summary>1 … 8: each lane's step along the gain ramp.</summary>
    private static readonly Vector256<float> Lanes = Vector256.Create(1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f);

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

    /// <summary>Compresses in place.</summary>
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
            var count = Math.Min(Block, left.Length - start);
            var l = left.AsSpan(start, count);
            var r = right.AsSpan(start, count);
            var levelDb = 20f * MathF.Log10(Math.Max(1e-9f, count == Block ? BlockPeak(l, r) : Math.Max(Samples.Peak(l), Samples.Peak(r))));
            var coefficient = levelDb > envelopeDb ? _attack : _release;
            envelopeDb = levelDb + (envelopeDb - levelDb) * coefficient;
            var gain = MathF.Pow(10f, -ReductionDb(envelopeDb) / 20f);
            // The gain moves linearly from the last block's to this one's: sample k of the block gets
            // previous + step · (k + 1).
            var step = (gain - previousGain) / count;
            if (count == Block)
            {
                for (var k = 0; k < Block; k += Width)
                {
                    var ramp = Vector256.Create(previousGain) + Vector256.Create(step) * (Lanes + Vector256.Create((float)k));
                    (Vector256.Create(l[k..]) * ramp).CopyTo(l[k..]);
                    (Vector256.Create(r[k..]) * ramp).CopyTo(r[k..]);
                }
            }
            else
            {
                for (var k = 0; k < count; k++)
                {
                    var g = previousGain + step * (k + 1);
                    l[k] *= g;
                    r[k] *= g;
                }
            }
            previousGain = gain;
        }
    }

    /// <summary>The largest magnitude in a full block of either channel.</summary>
    private static float BlockPeak(ReadOnlySpan<float> left, ReadOnlySpan<float> right)
    {
        var peaks = Vector256.Max(
            Vector256.Max(Vector256.Abs(Vector256.Create(left)), Vector256.Abs(Vector256.Create(left[Width..]))),
            Vector256.Max(Vector256.Abs(Vector256.Create(right)), Vector256.Abs(Vector256.Create(right[Width..]))));
        var half = Vector128.Max(peaks.GetLower(), peaks.GetUpper());
        return Math.Max(Math.Max(half[0], half[1]), Math.Max(half[2], half[3]));
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
