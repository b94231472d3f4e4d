using System.Numerics;

namespace AudioMusic.Audio.Codecs.Flac;

/// <summary>Encodes one channel of one block as the smallest of the CONSTANT, FIXED (orders 0–4), LPC and
/// VERBATIM subframe types.</summary>
internal sealed class SubframeEncoder
{
    private const int MaxFixedOrder = 4;
    private const int SubframeHeaderBits = 8;

    /// <summary>Vector steps between moves of the 32-bit lane sums into 64-bit totals: a fourth difference of 21-bit
    /// samples is below 2^24, so 64 steps stay below 2^30.</summary>
    private const int LanesFlushEvery = 64;

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
    /// can predict, so the sums compare fairly) and the order with the smallest. For samples of up to 21 bits (the
    /// 16-bit channels and 17-bit side channel this encoder writes) the differences fit 32-bit lanes, so the pass runs
    /// on vectors, with the lane sums moved to 64 bits every <see cref="LanesFlushEvery"/> steps, before any could
    /// overflow.</summary>
    private static (int Order, ulong Sum) BestFixedOrder(ReadOnlySpan<int> x)
    {
        if (x.Length <= MaxFixedOrder)
        {
            return (0, 0);
        }
        Span<ulong> sums = stackalloc ulong[MaxFixedOrder + 1];
        var i = MaxFixedOrder;
        var width = Vector<int>.Count;
        if (Vector.IsHardwareAccelerated && x.Length - MaxFixedOrder >= width && FitsNarrowLanes(x))
        {
            i = SumFixedResidualsVectorised(x, sums);
        }
        for (; i < x.Length; i++)
        {
            long d0 = x[i];
            var d1 = d0 - x[i - 1];
            var d2 = d1 - (x[i - 1] - (long)x[i - 2]);
            var d3 = d2 - (x[i - 1] - (2L * x[i - 2]) + x[i - 3]);
            var d4 = d3 - (x[i - 1] - (3L * x[i - 2]) + (3L * x[i - 3]) - x[i - 4]);
            sums[0] += (ulong)Math.Abs(d0);
            sums[1] += (ulong)Math.Abs(d1);
            sums[2] += (ulong)Math.Abs(d2);
            sums[3] += (ulong)Math.Abs(d3);
            sums[4] += (ulong)Math.Abs(d4);
        }
        var order = 0;
        var best = sums[0];
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

    /// <summary>Whether every sample lies within 21 bits, where the vectorised sums cannot overflow.</summary>
    private static bool FitsNarrowLanes(ReadOnlySpan<int> x)
    {
        const int limit = 1 << 20;
        var width = Vector<int>.Count;
        var low = new Vector<int>(-limit);
        var high = new Vector<int>(limit - 1);
        var outside = Vector<int>.Zero;
        var i = 0;
        for (; i + width <= x.Length; i += width)
        {
            var v = new Vector<int>(x.Slice(i, width));
            outside |= Vector.LessThan(v, low) | Vector.GreaterThan(v, high);
        }
        for (; i < x.Length; i++)
        {
            if (x[i] < -limit || x[i] >= limit)
            {
                return false;
            }
        }
        return outside == Vector<int>.Zero;
    }

    /// <summary>Adds the absolute fixed residuals of x[4..] to <paramref name="sums"/> a vector at a time and returns
    /// where the scalar tail starts.</summary>
    private static int SumFixedResidualsVectorised(ReadOnlySpan<int> x, Span<ulong> sums)
    {
        var width = Vector<int>.Count;
        Vector<int> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default;
        var i = MaxFixedOrder;
        var steps = 0;
        for (; i + width <= x.Length; i += width)
        {
            var x0 = new Vector<int>(x.Slice(i, width));
            var x1 = new Vector<int>(x.Slice(i - 1, width));
            var x2 = new Vector<int>(x.Slice(i - 2, width));
            var x3 = new Vector<int>(x.Slice(i - 3, width));
            var x4 = new Vector<int>(x.Slice(i - 4, width));
            var d1 = x0 - x1;
            var e1 = x1 - x2;
            var d2 = d1 - e1;
            var e2 = e1 - (x2 - x3);
            var d3 = d2 - e2;
            var d4 = d3 - (e2 - ((x2 - x3) - (x3 - x4)));
            a0 += Vector.Abs(x0);
            a1 += Vector.Abs(d1);
            a2 += Vector.Abs(d2);
            a3 += Vector.Abs(d3);
            a4 += Vector.Abs(d4);
            if (++steps == LanesFlushEvery)
            {
                Flush(ref a0, ref a1, ref a2, ref a3, ref a4, sums);
                steps = 0;
            }
        }
        Flush(ref a0, ref a1, ref a2, ref a3, ref a4, sums);
        return i;
    }

    private static void Flush(ref Vector<int> a0, ref Vector<int> a1, ref Vector<int> a2, ref Vector<int> a3, ref Vector<int> a4, Span<ulong> sums)
    {
        sums[0] += LaneTotal(a0);
        sums[1] += LaneTotal(a1);
        sums[2] += LaneTotal(a2);
        sums[3] += LaneTotal(a3);
        sums[4] += LaneTotal(a4);
        a0 = a1 = a2 = a3 = a4 = Vector<int>.Zero;
    }

    /// <summary>The lanes' total in 64 bits: the lanes fit 32 bits each, their sum may not.</summary>
    private static ulong LaneTotal(Vector<int> lanes)
    {
        Vector.Widen(lanes, out var low, out var high);
        return (ulong)Vector.Sum(low + high);
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
