using AudioMusic.Audio;

namespace AudioMusic.TestSupport;

/// <summary>Finds clicks (discontinuities) through the second difference x[i+1] − 2x[i] + x[i−1]: smooth audio keeps
/// it small, a step makes it as large as the step.</summary>
public static class ClickDetector
{
    /// <summary>How a loop's wrap point (last sample followed by the first) compares with the loop's own sample-to-
    /// sample roughness: the second difference across the seam divided by the 99.9th percentile of the second
    /// differences within the loop, worst channel. Up to about 1 the seam is no rougher than the music itself;
    /// a click makes it several times larger.</summary>
    public static double WrapSeamRatio(AudioBuffer loop) =>
        WorstSeamRatio(loop, interior => Percentile999(interior));

    /// <summary>The wrap point's second difference (last sample into the first) divided by the largest second
    /// difference inside the loop, worst channel. A loop whose seam is no sharper than its own sharpest transient
    /// scores at most 1; a step at the seam larger than anything the music does scores above.</summary>
    public static double WrapSeamToInteriorMaximum(AudioBuffer loop) =>
        WorstSeamRatio(loop, interior => interior.Max());

    /// <summary>Positions (sample indices) where the second difference exceeds <paramref name="factor"/> times the
    /// 99.9th percentile of the channel's second differences, i.e. isolated discontinuities.</summary>
    public static IReadOnlyList<int> FindClicks(ReadOnlySpan<float> x, double factor = 4)
    {
        if (x.Length < 4)
        {
            return [];
        }
        var d2 = SecondDifferences(x);
        var threshold = Math.Max(1e-6, factor * Percentile999(d2));
        var clicks = new List<int>();
        for (var i = 0; i < d2.Length; i++)
        {
            if (d2[i] > threshold && (clicks.Count == 0 || i + 1 - clicks[^1] > 2))
            {
                clicks.Add(i + 1);
            }
        }
        return clicks;
    }

    /// <summary>The seam's second difference over <paramref name="reference"/> of the interior ones, worst channel.</summary>
    private static double WorstSeamRatio(AudioBuffer loop, Func<double[], double> reference)
    {
        var worst = 0.0;
        foreach (var x in loop.Channels)
        {
            var n = x.Length;
            if (n < 4)
            {
                continue;
            }
            var seam = Math.Max(
                Math.Abs(x[0] - (2.0 * x[n - 1]) + x[n - 2]),
                Math.Abs(x[1] - (2.0 * x[0]) + x[n - 1]));
            var scale = reference(SecondDifferences(x));
            worst = Math.Max(worst, scale <= 1e-9 ? (seam <= 1e-9 ? 0 : double.PositiveInfinity) : seam / scale);
        }
        return worst;
    }

    /// <summary>|x[i+1] − 2x[i] + x[i−1]| for every interior sample i (index i − 1 in the result).</summary>
    private static double[] SecondDifferences(ReadOnlySpan<float> x)
    {
        var d2 = new double[x.Length - 2];
        for (var i = 1; i < x.Length - 1; i++)
        {
            d2[i - 1] = Math.Abs(x[i + 1] - (2.0 * x[i]) + x[i - 1]);
        }
        return d2;
    }

    private static double Percentile999(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return sorted[(int)(0.999 * (sorted.Length - 1))];
    }
}
