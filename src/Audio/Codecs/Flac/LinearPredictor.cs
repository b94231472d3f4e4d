using System.Numerics;

namespace AudioMusic.Audio.Codecs.Flac;

/// <summary>LPC analysis for FLAC subframes: autocorrelation of a Tukey-windowed block, Levinson–Durbin recursion,
/// and quantisation of the coefficients to the integers the bitstream stores.</summary>
internal sealed class LinearPredictor
{
    public const int MaxOrder = 12;

    /// <summary>Residuals are kept well inside 32 bits so their zigzag-folded form fits the Rice coder.</summary>
    private const int ResidualLimit = 1 << 28;

    private readonly double[] _windowed;
    private readonly double[] _autocorrelation = new double[MaxOrder + 1];
    private readonly double[][] _coefficientsByOrder;
    private readonly double[] _errorByOrder = new double[MaxOrder + 1];
    private double[] _window = [];

    public LinearPredictor(int maxBlockSize)
    {
        _windowed = new double[maxBlockSize];
        _coefficientsByOrder = Enumerable.Range(0, MaxOrder + 1).Select(o => new double[o]).ToArray();
    }

    /// <summary>Coefficient precision (bits, sign included) that suits the block length, as the reference encoder
    /// chooses it: short blocks cannot amortise long coefficients.</summary>
    public static int PrecisionFor(int blockSize) => blockSize switch
    {
        <= 192 => 7,
        <= 384 => 8,
        <= 576 => 9,
        <= 1152 => 10,
        <= 2304 => 11,
        _ => 12,
    };

    /// <summary>Analyses <paramref name="samples"/> and returns the order whose estimated coded size is smallest,
    /// or 0 when prediction does not apply (silent or too short a block).</summary>
    public int Analyse(ReadOnlySpan<int> samples, int bitsPerSample, int precision)
    {
        var n = samples.Length;
        var maxOrder = Math.Min(MaxOrder, (n / 4) - 1);
        if (maxOrder < 1)
        {
            return 0;
        }
        EnsureWindow(n);
        for (var i = 0; i < n; i++)
        {
            _windowed[i] = samples[i] * _window[i];
        }
        var windowed = _windowed.AsSpan(0, n);
        for (var lag = 0; lag <= maxOrder; lag++)
        {
            _autocorrelation[lag] = Dot(windowed[lag..], windowed[..(n - lag)]);
        }
        if (_autocorrelation[0] <= 0)
        {
            return 0;
        }
        var computed = LevinsonDurbin(maxOrder);
        return ChooseOrder(computed, n, bitsPerSample, precision);
    }

    public ReadOnlySpan<double> Coefficients(int order) => _coefficientsByOrder[order];

    /// <summary>Quantises order-<paramref name="order"/> coefficients to <paramref name="precision"/>-bit integers.
    /// Returns the right shift the decoder applies, or −1 when the coefficients cannot be represented.</summary>
    public int Quantise(int order, int precision, Span<int> quantised)
    {
        var coefficients = _coefficientsByOrder[order];
        var largest = 0.0;
        foreach (var c in coefficients)
        {
            largest = Math.Max(largest, Math.Abs(c));
        }
        if (largest <= 0 || !double.IsFinite(largest))
        {
            return -1;
        }
        var exponent = Math.ILogB(largest) + 1;
        var shift = Math.Min(15, precision - 1 - exponent);
        if (shift < 0)
        {
            return -1;
        }
        var max = (1 << (precision - 1)) - 1;
        var min = -(1 << (precision - 1));
        // Error feedback: each coefficient absorbs the rounding error of the previous one, so the quantised filter
        // stays close to the real one as a whole.
        var carried = 0.0;
        for (var i = 0; i < order; i++)
        {
            carried += coefficients[i] * (1 << shift);
            var q = (int)Math.Clamp(Math.Round(carried), min, max);
            carried -= q;
            quantised[i] = q;
        }
        return shift;
    }

    /// <summary>Residual of the quantised predictor. False when a residual would not fit the Rice coder's range.</summary>
    public static bool ComputeResidual(ReadOnlySpan<int> samples, ReadOnlySpan<int> quantised, int shift, int bitsPerSample, Span<int> residual)
    {
        long gain = 0;
        foreach (var q in quantised)
        {
            gain += Math.Abs(q);
        }
        // When neither prediction nor residual can leave 32 bits (Σ|q|·2^(bps−1) < 2^30), the vectorised 32-bit path gives the same
        // result as the decoder's 64-bit arithmetic.
        return gain << (bitsPerSample - 1) < 1L << 30
            ? ComputeResidualNarrow(samples, quantised, shift, residual)
            : ComputeResidualWide(samples, quantised, shift, residual);
    }

    private static bool ComputeResidualNarrow(ReadOnlySpan<int> samples, ReadOnlySpan<int> quantised, int shift, Span<int> residual)
    {
        const int limit = ResidualLimit;
        var order = quantised.Length;
        var n = samples.Length;
        var i = order;
        var width = Vector<int>.Count;
        var vectorLimit = new Vector<int>(limit);
        var outOfRange = Vector<int>.Zero;
        for (; i + width <= n; i += width)
        {
            var prediction = Vector<int>.Zero;
            for (var j = 0; j < order; j++)
            {
                prediction += new Vector<int>(quantised[j]) * new Vector<int>(samples.Slice(i - 1 - j, width));
            }
            var r = new Vector<int>(samples.Slice(i, width)) - Vector.ShiftRightArithmetic(prediction, shift);
            outOfRange |= Vector.GreaterThanOrEqual(Vector.Abs(r), vectorLimit);
            r.CopyTo(residual.Slice(i - order, width));
        }
        if (outOfRange != Vector<int>.Zero)
        {
            return false;
        }
        for (; i < n; i++)
        {
            var prediction = 0;
            for (var j = 0; j < order; j++)
            {
                prediction += quantised[j] * samples[i - 1 - j];
            }
            var r = samples[i] - (prediction >> shift);
            if (Math.Abs(r) >= limit)
            {
                return false;
            }
            residual[i - order] = r;
        }
        return true;
    }

    private static bool ComputeResidualWide(ReadOnlySpan<int> samples, ReadOnlySpan<int> quantised, int shift, Span<int> residual)
    {
        const long limit = ResidualLimit;
        var order = quantised.Length;
        for (var i = order; i < samples.Length; i++)
        {
            long prediction = 0;
            for (var j = 0; j < order; j++)
            {
                prediction += (long)quantised[j] * samples[i - 1 - j];
            }
            var r = samples[i] - (prediction >> shift);
            if (r >= limit || r <= -limit)
            {
                return false;
            }
            residual[i - order] = (int)r;
        }
        return true;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var width = Vector<double>.Count;
        var acc = Vector<double>.Zero;
        var i = 0;
        for (; i + width <= a.Length; i += width)
        {
            acc += new Vector<double>(a.Slice(i, width)) * new Vector<double>(b.Slice(i, width));
        }
        var sum = Vector.Sum(acc);
        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private int LevinsonDurbin(int maxOrder)
    {
        Span<double> current = stackalloc double[MaxOrder + 1];
        Span<double> previous = stackalloc double[MaxOrder + 1];
        var error = _autocorrelation[0];
        for (var order = 1; order <= maxOrder; order++)
        {
            var acc = _autocorrelation[order];
            for (var j = 1; j < order; j++)
            {
                acc -= previous[j] * _autocorrelation[order - j];
            }
            var reflection = acc / error;
            current[order] = reflection;
            for (var j = 1; j < order; j++)
            {
                current[j] = previous[j] - (reflection * previous[order - j]);
            }
            error *= 1 - (reflection * reflection);
            if (!(error > 0))
            {
                return order - 1;
            }
            _errorByOrder[order] = error;
            for (var j = 1; j <= order; j++)
            {
                _coefficientsByOrder[order][j - 1] = current[j];
            }
            current[..(order + 1)].CopyTo(previous);
        }
        return maxOrder;
    }

    private int ChooseOrder(int computedOrders, int n, int bitsPerSample, int precision)
    {
        // Expected bits per residual from the prediction error of a Laplacian residual, plus the cost of the
        // warm-up samples and coefficients: the estimate the reference encoder uses to pick an order.
        var scale = 0.5 / n;
        var bestOrder = 0;
        var bestBits = double.MaxValue;
        for (var order = 1; order <= computedOrders; order++)
        {
            var perSample = Math.Max(0, 0.5 * Math.Log2(scale * _errorByOrder[order]));
            var bits = (perSample * (n - order)) + (order * (bitsPerSample + precision));
            if (bits < bestBits)
            {
                bestBits = bits;
                bestOrder = order;
            }
        }
        return bestOrder;
    }

    private void EnsureWindow(int n)
    {
        if (_window.Length == n)
        {
            return;
        }
        // Tukey window with half its length tapered: sharpens the spectral estimate without discarding the block's middle.
        _window = new double[n];
        var taper = n / 4;
        for (var i = 0; i < n; i++)
        {
            var w = 1.0;
            if (i < taper)
            {
                w = 0.5 - (0.5 * Math.Cos(Math.PI * i / taper));
            }
            else if (i >= n - taper)
            {
                w = 0.5 - (0.5 * Math.Cos(Math.PI * (n - 1 - i) / taper));
            }
            _window[i] = w;
        }
    }
}
