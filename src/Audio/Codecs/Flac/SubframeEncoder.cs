namespace AudioMusic.Audio.Codecs.Flac;

/// <summary>Encodes one channel of one block as the smallest of the CONSTANT, FIXED (orders 0–4), LPC and
/// VERBATIM subframe types.</summary>
internal sealed class SubframeEncoder
{
    private const int MaxFixedOrder = 4;
    private const int SubframeHeaderBits = 8;

    private readonly LinearPredictor _predictor;
    private readonly int[] _fixedResidual;
    private readonly int[] _lpcResidual;
    private readonly int[] _lpcCoefficients = new int[LinearPredictor.MaxOrder];
    private readonly ulong[] _partitionSums = new ulong[1 << RicePlan.MaxPartitionOrder];
    private readonly RicePlan _fixedPlan = new();
    private readonly RicePlan _lpcPlan = new();

    public SubframeEncoder(int maxBlockSize)
    {
        _predictor = new LinearPredictor(maxBlockSize);
        _fixedResidual = new int[maxBlockSize];
        _lpcResidual = new int[maxBlockSize];
    }

    /// <summary>The best fixed predictor and a quick size estimate with it (one Rice partition), used to pick
    /// the stereo mode and then handed back to <see cref="Write"/> so the analysis is not repeated.</summary>
    public static FixedAnalysis AnalyseFixed(ReadOnlySpan<int> samples)
    {
        var (order, sum) = BestFixedOrder(samples);
        return new FixedAnalysis(order, RiceCoder.EstimateBits(sum, samples.Length));
    }

    public void Write(FlacBitWriter writer, ReadOnlySpan<int> samples, int bitsPerSample, FixedAnalysis? analysis = null)
    {
        var n = samples.Length;
        if (IsConstant(samples))
        {
            writer.Write(0b0_000000_0, SubframeHeaderBits);
            writer.WriteSigned(samples[0], bitsPerSample);
            return;
        }

        var verbatimBits = SubframeHeaderBits + ((long)n * bitsPerSample);
        if (n <= MaxFixedOrder * 2)
        {
            WriteVerbatim(writer, samples, bitsPerSample);
            return;
        }

        var fixedOrder = (analysis ?? AnalyseFixed(samples)).Order;
        ComputeFixedResidual(samples, fixedOrder, _fixedResidual);
        RiceCoder.Plan(_fixedResidual.AsSpan(0, n - fixedOrder), n, fixedOrder, _fixedPlan, _partitionSums);
        var fixedBits = SubframeHeaderBits + ((long)fixedOrder * bitsPerSample) + _fixedPlan.Bits;

        var precision = LinearPredictor.PrecisionFor(n);
        var lpcOrder = _predictor.Analyse(samples, bitsPerSample, precision);
        var lpcBits = long.MaxValue;
        var shift = -1;
        if (lpcOrder > 0)
        {
            shift = _predictor.Quantise(lpcOrder, precision, _lpcCoefficients);
            if (shift >= 0 && LinearPredictor.ComputeResidual(samples, _lpcCoefficients.AsSpan(0, lpcOrder), shift, bitsPerSample, _lpcResidual))
            {
                RiceCoder.Plan(_lpcResidual.AsSpan(0, n - lpcOrder), n, lpcOrder, _lpcPlan, _partitionSums);
                lpcBits = SubframeHeaderBits + ((long)lpcOrder * (bitsPerSample + precision)) + 4 + 5 + _lpcPlan.Bits;
            }
        }

        if (lpcBits < fixedBits && lpcBits < verbatimBits)
        {
            writer.Write(0b0_100000_0 | (uint)((lpcOrder - 1) << 1), SubframeHeaderBits);
            WriteWarmUp(writer, samples, lpcOrder, bitsPerSample);
            writer.Write((uint)(precision - 1), 4);
            writer.WriteSigned(shift, 5);
            for (var j = 0; j < lpcOrder; j++)
            {
                writer.WriteSigned(_lpcCoefficients[j], precision);
            }
            RiceCoder.Write(writer, _lpcResidual.AsSpan(0, n - lpcOrder), n, lpcOrder, _lpcPlan);
        }
        else if (fixedBits < verbatimBits)
        {
            writer.Write(0b0_001000_0 | (uint)(fixedOrder << 1), SubframeHeaderBits);
            WriteWarmUp(writer, samples, fixedOrder, bitsPerSample);
            RiceCoder.Write(writer, _fixedResidual.AsSpan(0, n - fixedOrder), n, fixedOrder, _fixedPlan);
        }
        else
        {
            WriteVerbatim(writer, samples, bitsPerSample);
        }
    }

    private static void WriteVerbatim(FlacBitWriter writer, ReadOnlySpan<int> samples, int bitsPerSample)
    {
        writer.Write(0b0_000001_0, SubframeHeaderBits);
        foreach (var s in samples)
        {
            writer.WriteSigned(s, bitsPerSample);
        }
    }

    private static void WriteWarmUp(FlacBitWriter writer, ReadOnlySpan<int> samples, int order, int bitsPerSample)
    {
        for (var i = 0; i < order; i++)
        {
            writer.WriteSigned(samples[i], bitsPerSample);
        }
    }

    private static bool IsConstant(ReadOnlySpan<int> samples)
    {
        var first = samples[0];
        foreach (var s in samples)
        {
            if (s != first)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Sums of absolute residuals of the five fixed predictors in one pass (over the samples every order
    /// can predict, so the sums compare fairly) and the order with the smallest.</summary>
    private static (int Order, ulong Sum) BestFixedOrder(ReadOnlySpan<int> x)
    {
        if (x.Length <= MaxFixedOrder)
        {
            return (0, 0);
        }
        ulong s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
        long d1Prev = x[3] - x[2];
        long d2Prev = d1Prev - (x[2] - x[1]);
        long d3Prev = d2Prev - ((x[2] - x[1]) - (x[1] - x[0]));
        for (var i = MaxFixedOrder; i < x.Length; i++)
        {
            long d0 = x[i];
            var d1 = d0 - x[i - 1];
            var d2 = d1 - d1Prev;
            var d3 = d2 - d2Prev;
            var d4 = d3 - d3Prev;
            s0 += (ulong)Math.Abs(d0);
            s1 += (ulong)Math.Abs(d1);
            s2 += (ulong)Math.Abs(d2);
            s3 += (ulong)Math.Abs(d3);
            s4 += (ulong)Math.Abs(d4);
            d1Prev = d1;
            d2Prev = d2;
            d3Prev = d3;
        }
        var order = 0;
        var best = s0;
        ReadOnlySpan<ulong> sums = [s0, s1, s2, s3, s4];
        for (var o = 1; o <= MaxFixedOrder; o++)
        {
            if (sums[o] < best)
            {
                best = sums[o];
                order = o;
            }
        }
        return (order, best);
    }

    private static void ComputeFixedResidual(ReadOnlySpan<int> x, int order, Span<int> residual)
    {
        var n = x.Length;
        switch (order)
        {
            case 0:
                x.CopyTo(residual);
                break;
            case 1:
                for (var i = 1; i < n; i++)
                {
                    residual[i - 1] = x[i] - x[i - 1];
                }
                break;
            case 2:
                for (var i = 2; i < n; i++)
                {
                    residual[i - 2] = x[i] - (2 * x[i - 1]) + x[i - 2];
                }
                break;
            case 3:
                for (var i = 3; i < n; i++)
                {
                    residual[i - 3] = x[i] - (3 * x[i - 1]) + (3 * x[i - 2]) - x[i - 3];
                }
                break;
            default:
                for (var i = 4; i < n; i++)
                {
                    residual[i - 4] = x[i] - (4 * x[i - 1]) + (6 * x[i - 2]) - (4 * x[i - 3]) + x[i - 4];
                }
                break;
        }
    }
}

internal readonly record struct FixedAnalysis(int Order, long EstimatedBits);
