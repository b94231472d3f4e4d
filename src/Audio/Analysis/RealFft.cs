namespace AudioMusic.Audio.Analysis;

/// <summary>Magnitude spectra of real frames of one power-of-two size, about twice as fast as <see cref="Fft"/> on
/// the same frame: the N real samples are packed as N/2 complex ones (even samples real, odd imaginary), transformed
/// with tables computed once, and the two interleaved half-spectra are separated afterwards. One instance per size
/// and thread (it keeps its scratch buffers); <see cref="For"/> hands out the calling thread's.</summary>
public sealed class RealFft
{
    [ThreadStatic]
    private static Dictionary<int, RealFft>? _perThread;

    private readonly int _size;
    private readonly int _half;
    private readonly int[] _bitReversed;
    private readonly double[] _cos; // twiddles of the half-size transform: e^(-2πik/half), k < half/2
    private readonly double[] _sin;
    private readonly double[] _splitCos; // e^(-2πik/size), k ≤ half
    private readonly double[] _splitSin;
    private readonly double[] _real;
    private readonly double[] _imaginary;

    public RealFft(int size)
    {
        if (size < 4 || (size & (size - 1)) != 0)
        {
            throw new ArgumentException("The size must be a power of two, at least 4.", nameof(size));
        }
        _size = size;
        _half = size / 2;
        _bitReversed = new int[_half];
        var bits = System.Numerics.BitOperations.Log2((uint)_half);
        for (var i = 0; i < _half; i++)
        {
            var reversed = 0;
            for (var b = 0; b < bits; b++)
            {
                reversed |= ((i >> b) & 1) << (bits - 1 - b);
            }
            _bitReversed[i] = reversed;
        }
        _cos = new double[_half / 2];
        _sin = new double[_half / 2];
        for (var k = 0; k < _half / 2; k++)
        {
            _cos[k] = Math.Cos(2 * Math.PI * k / _half);
            _sin[k] = -Math.Sin(2 * Math.PI * k / _half);
        }
        _splitCos = new double[_half + 1];
        _splitSin = new double[_half + 1];
        for (var k = 0; k <= _half; k++)
        {
            _splitCos[k] = Math.Cos(2 * Math.PI * k / size);
            _splitSin[k] = -Math.Sin(2 * Math.PI * k / size);
        }
        _real = new double[_half];
        _imaginary = new double[_half];
    }

    public int Size => _size;

    /// <summary>This thread's transform of <paramref name="size"/>.</summary>
    public static RealFft For(int size)
    {
        _perThread ??= [];
        if (!_perThread.TryGetValue(size, out var fft))
        {
            fft = new RealFft(size);
            _perThread[size] = fft;
        }
        return fft;
    }

    /// <summary>Writes |X[k]| for k = 0…size/2 of the real <paramref name="frame"/> into <paramref name="magnitudes"/>.</summary>
    public void Magnitudes(ReadOnlySpan<double> frame, Span<double> magnitudes)
    {
        if (frame.Length != _size || magnitudes.Length < _half + 1)
        {
            throw new ArgumentException($"Expected a frame of {_size} samples and room for {_half + 1} magnitudes.");
        }
        var re = _real;
        var im = _imaginary;
        for (var i = 0; i < _half; i++)
        {
            var j = _bitReversed[i];
            re[j] = frame[2 * i];
            im[j] = frame[(2 * i) + 1];
        }
        Butterflies(re, im);

        // X[k] = E[k] + e^(-2πik/N)·O[k], where E and O are the spectra of the even and odd samples:
        // E[k] = (Z[k] + conj Z[M−k]) / 2 and O[k] = (Z[k] − conj Z[M−k]) / 2i, with M = N/2 and Z[M] = Z[0].
        for (var k = 0; k <= _half; k++)
        {
            var a = re[k % _half];
            var b = im[k % _half];
            var c = re[(_half - k) % _half];
            var d = im[(_half - k) % _half];
            var evenRe = (a + c) * 0.5;
            var evenIm = (b - d) * 0.5;
            var oddRe = (b + d) * 0.5;
            var oddIm = (c - a) * 0.5;
            var wr = _splitCos[k];
            var wi = _splitSin[k];
            var xr = evenRe + (wr * oddRe) - (wi * oddIm);
            var xi = evenIm + (wr * oddIm) + (wi * oddRe);
            magnitudes[k] = Math.Sqrt((xr * xr) + (xi * xi));
        }
    }

    /// <summary>The iterative radix-2 transform of the bit-reversed half-size sequence, twiddles from the tables.</summary>
    private void Butterflies(double[] re, double[] im)
    {
        var n = _half;
        for (var length = 2; length <= n; length <<= 1)
        {
            var halfLength = length >> 1;
            var stride = n / length;
            for (var start = 0; start < n; start += length)
            {
                for (var k = 0; k < halfLength; k++)
                {
                    var wr = _cos[k * stride];
                    var wi = _sin[k * stride];
                    var a = start + k;
                    var b = a + halfLength;
                    var tr = (re[b] * wr) - (im[b] * wi);
                    var ti = (re[b] * wi) + (im[b] * wr);
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}
