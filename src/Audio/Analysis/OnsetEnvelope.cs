namespace AudioMusic.Audio.Analysis;

/// <summary>Onset strength over time: the half-wave-rectified rise of log-compressed spectral magnitude
/// ("spectral flux"), one value per hop. Peaks mark note and drum onsets; its periodicity is the tempo.</summary>
public sealed class OnsetEnvelope
{
    public const int FrameSize = 2048;
    public const int Hop = 256;

    internal OnsetEnvelope(double[] values, double framesPerSecond)
    {
        Values = values;
        FramesPerSecond = framesPerSecond;
    }

    public double[] Values { get; }

    public double FramesPerSecond { get; }

    /// <summary>Log compression constant for onset detection and periodicity: quiet partials count almost as much as
    /// loud ones, so every note's onset shows.</summary>
    public const double LogCompression = 1000;

    /// <summary>Computes the envelope over bins from <paramref name="lowHz"/> to <paramref name="highHz"/>
    /// (the whole band by default; a low band isolates kick and bass accents). With <paramref name="compression"/>
    /// zero the flux is linear in magnitude, which keeps loud and soft onsets in proportion (for judging accents).</summary>
    public static OnsetEnvelope Compute(ReadOnlySpan<float> mono, int sampleRate, double lowHz = 0, double highHz = double.MaxValue, double compression = LogCompression) =>
        Compute(Spectrum.Spectrogram(mono, FrameSize, Hop), sampleRate, lowHz, highHz, compression);

    /// <summary>As above, from a spectrogram of <see cref="FrameSize"/> frames every <see cref="Hop"/> samples, so several
    /// envelopes of one signal share one transform.</summary>
    public static OnsetEnvelope Compute(double[][] spectrogram, int sampleRate, double lowHz = 0, double highHz = double.MaxValue, double compression = LogCompression)
    {
        ArgumentNullException.ThrowIfNull(spectrogram);
        var (firstBin, lastBin) = BinRange(sampleRate, lowHz, highHz);
        var values = new double[spectrogram.Length];
        // Before the first frame there is silence, so a sound that starts the signal counts as an onset.
        var bins = spectrogram.Length == 0 ? 0 : spectrogram[0].Length;
        // Each frame's compressed magnitudes are computed once and kept for the next frame's comparison.
        var previous = new double[bins];
        var current = new double[bins];
        for (var f = 0; f < spectrogram.Length; f++)
        {
            double flux = 0;
            for (var k = firstBin; k <= lastBin; k++)
            {
                current[k] = compression > 0 ? Math.Log(1 + (compression * spectrogram[f][k])) : spectrogram[f][k];
                var rise = current[k] - previous[k];
                if (rise > 0)
                {
                    flux += rise;
                }
            }
            values[f] = flux;
            (previous, current) = (current, previous);
        }
        return new OnsetEnvelope(values, (double)sampleRate / Hop);
    }

    /// <summary>The bins of a <see cref="FrameSize"/> transform from <paramref name="lowHz"/> to <paramref name="highHz"/>
    /// (DC and the Nyquist bin left out).</summary>
    internal static (int First, int Last) BinRange(int sampleRate, double lowHz, double highHz)
    {
        var binHz = (double)sampleRate / FrameSize;
        return (Math.Max(1, (int)Math.Ceiling(lowHz / binHz)),
            Math.Min((FrameSize / 2) - 1, (int)Math.Floor(Math.Min(highHz, sampleRate / 2.0) / binHz)));
    }

    /// <summary>Linear flux in three bands (below 200 Hz, 200 Hz–2 kHz, above 2 kHz), each divided by its own
    /// largest value and summed: accents in proportion within each band, yet a kick's large low-frequency
    /// magnitudes do not outweigh a snare's or a hi-hat's, and a band with few events is not magnified.</summary>
    public static OnsetEnvelope ComputeBandBalanced(ReadOnlySpan<float> mono, int sampleRate) =>
        ComputeBandBalanced(Spectrum.Spectrogram(mono, FrameSize, Hop), sampleRate);

    public static OnsetEnvelope ComputeBandBalanced(double[][] spectrogram, int sampleRate) =>
        new(BalanceBands(AccentBands.Select(b => Compute(spectrogram, sampleRate, b.Low, b.High, compression: 0).Values).ToArray()), (double)sampleRate / Hop);

    /// <summary>The bands of <see cref="ComputeBandBalanced(double[][], int)"/>.</summary>
    internal static readonly (double Low, double High)[] AccentBands = [(0, 200), (200, 2000), (2000, double.MaxValue)];

    /// <summary>Each band's flux divided by its own largest value, summed (a silent band adds nothing).</summary>
    internal static double[] BalanceBands(IReadOnlyList<double[]> bands)
    {
        var sum = new double[bands.Count == 0 ? 0 : bands[0].Length];
        foreach (var band in bands)
        {
            var largest = band.Length == 0 ? 0 : band.Max();
            if (largest <= 0)
            {
                continue;
            }
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += band[i] / largest;
            }
        }
        return sum;
    }

    /// <summary>The envelope minus its local mean (about a second around each frame), floored at zero: what is left
    /// are the onsets that stand out from their surroundings.</summary>
    public double[] Detrended()
    {
        var radius = (int)(FramesPerSecond / 2);
        var result = new double[Values.Length];
        double running = 0;
        var lo = 0;
        var hi = -1;
        for (var i = 0; i < Values.Length; i++)
        {
            while (hi < Math.Min(Values.Length - 1, i + radius))
            {
                running += Values[++hi];
            }
            while (lo < i - radius)
            {
                running -= Values[lo++];
            }
            result[i] = Math.Max(0, Values[i] - (running / (hi - lo + 1)));
        }
        return result;
    }

    /// <summary>The value at a fractional frame position, linearly interpolated (zero outside).</summary>
    public static double At(double[] values, double position)
    {
        if (position < 0 || position > values.Length - 1)
        {
            return 0;
        }
        var i = (int)position;
        var t = position - i;
        return i + 1 < values.Length ? (values[i] * (1 - t)) + (values[i + 1] * t) : values[i];
    }
}
