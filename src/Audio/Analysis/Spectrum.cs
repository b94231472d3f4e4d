namespace AudioMusic.Audio.Analysis;

/// <summary>Windowed magnitude spectra and short-time spectrograms of mono signals.</summary>
public static class Spectrum
{
    public static double[] Hann(int length)
    {
        var window = new double[length];
        for (var i = 0; i < length; i++)
        {
            window[i] = 0.5 - (0.5 * Math.Cos(2 * Math.PI * i / length));
        }
        return window;
    }

    /// <summary>Magnitudes of bins 0…size/2 of a Hann-windowed frame starting at <paramref name="start"/>
    /// (zero beyond the signal's end).</summary>
    public static double[] Magnitudes(ReadOnlySpan<float> signal, int start, int size, double[]? window = null)
    {
        window ??= Hann(size);
        var magnitudes = new double[(size / 2) + 1];
        Magnitudes(signal, start, window, new double[size], magnitudes);
        return magnitudes;
    }

    /// <summary>As above into <paramref name="magnitudes"/>, with <paramref name="frame"/> (the window's length) as
    /// scratch: for callers that transform many frames and reuse their buffers.</summary>
    internal static void Magnitudes(ReadOnlySpan<float> signal, int start, double[] window, double[] frame, double[] magnitudes)
    {
        Windowed(signal, start, window, frame);
        Transform(frame, magnitudes);
    }

    /// <summary>Magnitude frames every <paramref name="hop"/> samples, each frame centred on its hop position. Frames
    /// are independent, so they are computed on every core; the result does not depend on how many.</summary>
    public static double[][] Spectrogram(ReadOnlySpan<float> signal, int size, int hop)
    {
        var window = Hann(size);
        var samples = signal.ToArray();
        var frames = (samples.Length / hop) + 1;
        var result = new double[frames][];
        Parallel.For(0, frames, () => new double[size], (f, _, frame) =>
        {
            result[f] = new double[(size / 2) + 1];
            SpectrogramFrame(samples, f, hop, window, frame, result[f]);
            return frame;
        }, _ => { });
        return result;
    }

    /// <summary>Frame <paramref name="f"/> of <see cref="Spectrogram"/> into <paramref name="magnitudes"/>, for callers
    /// that use each frame once and keep none (<paramref name="frame"/> is scratch of the window's length).</summary>
    internal static void SpectrogramFrame(ReadOnlySpan<float> signal, int f, int hop, double[] window, double[] frame, double[] magnitudes) =>
        Magnitudes(signal, (f * hop) - (window.Length / 2), window, frame, magnitudes);

    private static void Windowed(ReadOnlySpan<float> signal, int start, double[] window, double[] frame)
    {
        for (var i = 0; i < frame.Length; i++)
        {
            var index = start + i;
            frame[i] = index >= 0 && index < signal.Length ? signal[index] * window[i] : 0;
        }
    }

    /// <summary>Real frames go through <see cref="RealFft"/>; the tiniest (fewer than 4 samples) through the complex
    /// transform.</summary>
    private static void Transform(double[] frame, double[] magnitudes)
    {
        if (frame.Length >= 4)
        {
            RealFft.For(frame.Length).Magnitudes(frame, magnitudes);
            return;
        }
        var imaginary = new double[frame.Length];
        Fft.Transform(frame, imaginary);
        for (var k = 0; k < magnitudes.Length; k++)
        {
            magnitudes[k] = Math.Sqrt((frame[k] * frame[k]) + (imaginary[k] * imaginary[k]));
        }
    }

    /// <summary>The frequency of the strongest bin of the whole signal (largest power-of-two prefix, up to 2^16
    /// samples), refined by parabolic interpolation over its neighbours.</summary>
    public static double PeakFrequency(ReadOnlySpan<float> signal, int sampleRate)
    {
        var size = 1;
        while (size * 2 <= Math.Min(signal.Length, 1 << 16))
        {
            size *= 2;
        }
        var magnitudes = Magnitudes(signal, 0, size);
        var peak = 1;
        for (var k = 2; k < magnitudes.Length - 1; k++)
        {
            if (magnitudes[k] > magnitudes[peak])
            {
                peak = k;
            }
        }
        var offset = 0.0;
        if (peak + 1 < magnitudes.Length)
        {
            double a = Math.Log(magnitudes[peak - 1] + 1e-12), b = Math.Log(magnitudes[peak] + 1e-12), c = Math.Log(magnitudes[peak + 1] + 1e-12);
            var denominator = a - (2 * b) + c;
            offset = denominator == 0 ? 0 : 0.5 * (a - c) / denominator;
        }
        return (peak + offset) * sampleRate / size;
    }
}
