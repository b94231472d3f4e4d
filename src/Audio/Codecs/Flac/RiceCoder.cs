using System.Numerics;

namespace AudioMusic.Audio.Codecs.Flac;

/// <summary>How one residual is partitioned and which Rice parameter each partition uses.</summary>
internal sealed class RicePlan
{
    public const int MaxPartitionOrder = 8;

    public int PartitionOrder { get; set; }

    public int[] Parameters { get; } = new int[1 << MaxPartitionOrder];

    /// <summary>Estimated size of the residual section in bits, coding-method and partition-order fields included.</summary>
    public long Bits { get; set; }

    /// <summary>True when some parameter exceeds 14, which needs the 5-bit parameter coding method.</summary>
    public bool WideParameters { get; set; }

    public void CopyFrom(RicePlan other)
    {
        PartitionOrder = other.PartitionOrder;
        Array.Copy(other.Parameters, Parameters, 1 << other.PartitionOrder);
        Bits = other.Bits;
        WideParameters = other.WideParameters;
    }
}

/// <summary>Partitioned Rice coding of prediction residuals: chooses the partition order and per-partition
/// parameters that minimise the size, and writes the residual section.</summary>
internal static class RiceCoder
{
    private const int MaxParameter = 30;
    private const int NarrowParameterLimit = 14;

    /// <summary>Plans the coding of <paramref name="residual"/> (the block minus its <paramref name="predictorOrder"/>
    /// warm-up samples). <paramref name="sums"/> is scratch of at least 2^<see cref="RicePlan.MaxPartitionOrder"/>.</summary>
    public static void Plan(ReadOnlySpan<int> residual, int blockSize, int predictorOrder, RicePlan plan, ulong[] sums)
    {
        var maxOrder = MaxUsablePartitionOrder(blockSize, predictorOrder);
        var partitions = 1 << maxOrder;
        var partitionSize = blockSize >> maxOrder;
        var position = 0;
        for (var j = 0; j < partitions; j++)
        {
            var count = j == 0 ? partitionSize - predictorOrder : partitionSize;
            ulong sum = 0;
            foreach (var r in residual.Slice(position, count))
            {
                sum += Fold(r);
            }
            sums[j] = sum;
            position += count;
        }

        Span<int> parameters = stackalloc int[1 << RicePlan.MaxPartitionOrder];
        plan.Bits = long.MaxValue;
        for (var order = maxOrder; order >= 0; order--)
        {
            var count = 1 << order;
            var size = blockSize >> order;
            long bits = 2 + 4;
            var wide = false;
            for (var j = 0; j < count; j++)
            {
                var n = j == 0 ? size - predictorOrder : size;
                var (k, cost) = BestParameter(sums[j], n);
                parameters[j] = k;
                bits += cost;
                wide |= k > NarrowParameterLimit;
            }
            bits += (long)count * (wide ? 5 : 4);
            if (bits < plan.Bits)
            {
                plan.Bits = bits;
                plan.PartitionOrder = order;
                plan.WideParameters = wide;
                parameters[..count].CopyTo(plan.Parameters);
            }
            if (order > 0)
            {
                // Merge neighbouring partitions for the next, coarser order; j ≤ 2j keeps the in-place merge safe.
                for (var j = 0; j < count / 2; j++)
                {
                    sums[j] = sums[2 * j] + sums[(2 * j) + 1];
                }
            }
        }
    }

    public static void Write(FlacBitWriter writer, ReadOnlySpan<int> residual, int blockSize, int predictorOrder, RicePlan plan)
    {
        writer.Write(plan.WideParameters ? 1u : 0u, 2);
        writer.Write((uint)plan.PartitionOrder, 4);
        var parameterBits = plan.WideParameters ? 5 : 4;
        var partitions = 1 << plan.PartitionOrder;
        var size = blockSize >> plan.PartitionOrder;
        var position = 0;
        for (var j = 0; j < partitions; j++)
        {
            var count = j == 0 ? size - predictorOrder : size;
            var k = plan.Parameters[j];
            writer.Write((uint)k, parameterBits);
            foreach (var r in residual.Slice(position, count))
            {
                writer.WriteRice(Fold(r), k);
            }
            position += count;
        }
    }

    /// <summary>Single-partition size estimate from a sum of absolute residuals, for quick comparisons.</summary>
    public static long EstimateBits(ulong sumOfAbsolute, int count) => BestParameter(sumOfAbsolute * 2, count).Cost;

    /// <summary>Zigzag folding: 0, −1, 1, −2, … become 0, 1, 2, 3, … so Rice codes only non-negative values.</summary>
    public static uint Fold(int value) => (uint)((value << 1) ^ (value >> 31));

    private static int MaxUsablePartitionOrder(int blockSize, int predictorOrder)
    {
        var order = 0;
        while (order < RicePlan.MaxPartitionOrder
               && (blockSize & ((1 << (order + 1)) - 1)) == 0
               && (blockSize >> (order + 1)) > predictorOrder)
        {
            order++;
        }
        return order;
    }

    /// <summary>The parameter minimising n·(k+1) + Σ(u >> k), estimated from the partition's sum.</summary>
    private static (int K, long Cost) BestParameter(ulong sum, int count)
    {
        if (count <= 0)
        {
            return (0, 0);
        }
        var mean = sum / (ulong)count;
        var guess = mean == 0 ? 0 : BitOperations.Log2(mean);
        var bestK = 0;
        var bestCost = long.MaxValue;
        for (var k = Math.Max(0, guess - 1); k <= Math.Min(MaxParameter, guess + 1); k++)
        {
            var cost = ((long)count * (k + 1)) + (long)(sum >> k);
            if (cost < bestCost)
            {
                bestCost = cost;
                bestK = k;
            }
        }
        return (bestK, bestCost);
    }
}
