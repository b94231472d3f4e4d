using System.Runtime.Intrinsics;

namespace AudioMusic.Engines.BuiltIn.Mixing;

/// <summary>Whole-buffer measurements and gains, eight samples at a time. The vector width is fixed, and each
/// sample's operations are the scalar ones, so results do not depend on the processor.</summary>
internal static class Samples
{
    private const int Width = 8;

    /// <summary>The largest magnitude (a maximum does not depend on the order it is taken in).</summary>
    public static float Peak(ReadOnlySpan<float> x)
    {
        var peaks = Vector256<float>.Zero;
        var i = 0;
        for (; i <= x.Length - Width; i += Width)
        {
            peaks = Vector256.Max(peaks, Vector256.Abs(Vector256.Create(x[i..])));
        }
        var peak = 0f;
        for (var lane = 0; lane < Width; lane++)
        {
            peak = Math.Max(peak, peaks[lane]);
        }
        for (; i < x.Length; i++)
        {
            peak = Math.Max(peak, Math.Abs(x[i]));
        }
        return peak;
    }

    public static void Scale(Span<float> x, float gain)
    {
        var i = 0;
        for (; i <= x.Length - Width; i += Width)
        {
            (Vector256.Create(x[i..]) * gain).CopyTo(x[i..]);
        }
        for (; i < x.Length; i++)
        {
            x[i] *= gain;
        }
    }

    /// <summary>RMS over the samples that sound (magnitude above −80 dBFS) of <paramref name="a"/>, or of the mid
    /// channel of <paramref name="a"/> and <paramref name="b"/>; 0 when none does. The squares are summed in double
    /// precision, in eight running sums (lane by lane) added at the end.</summary>
    public static float ActiveRms(float[] a, float[]? b)
    {
        const float silence = 1e-4f;
        var sums = Vector256<double>.Zero;
        var counts = Vector256<int>.Zero;
        var i = 0;
        for (; i <= a.Length - Width; i += Width)
        {
            var x = Vector256.Create(a, i);
            if (b is not null)
            {
                x = 0.5f * (x + Vector256.Create(b, i));
            }
            var active = Vector256.GreaterThan(Vector256.Abs(x), Vector256.Create(silence));
            var (low, high) = Vector256.Widen(Vector256.ConditionalSelect(active, x * x, Vector256<float>.Zero));
            sums += low + high;
            counts -= active.AsInt32();
        }
        var sum = 0.0;
        long count = 0;
        for (var lane = 0; lane < Vector256<double>.Count; lane++)
        {
            sum += sums[lane];
        }
        for (var lane = 0; lane < Width; lane++)
        {
            count += counts[lane];
        }
        for (; i < a.Length; i++)
        {
            var x = b is null ? a[i] : 0.5f * (a[i] + b[i]);
            if (Math.Abs(x) > silence)
            {
                sum += x * x;
                count++;
            }
        }
        return count == 0 ? 0f : (float)Math.Sqrt(sum / count);
    }
}
