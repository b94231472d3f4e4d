
namespace AudioMusic.Engines.BuiltIn.Tests.Vocals;

/// <summary>Measurements the vocal tests make on rendered audio: level, pitch (YIN) and spectrum.</summary>
internal static class SignalAnalysis
{
    public static double Rms(float[] samples, int from, int to)
    {
        from = Math.Max(from, 0);
        to = Math.Min(to, samples.Length);
        if (to <= from)
        {
            return 0;
        }
        double sum = 0;
        for (var i = from; i < to; i++)
        {
            sum += samples[i] * (double)samples[i];
        }
        return Math.Sqrt(sum / (to - from));
    }

    public static double PeakAbs(float[] samples, int from, int to)
    {
        double peak = 0;
        for (var i = Math.Max(from, 0); i < Math.Min(to, samples.Length); i++)
        {
            peak = Math.Max(peak, Math.Abs(samples[i]));
        }
        return peak;
    }

    /// <summary>YIN fundamental-frequency estimate of the window starting at <paramref name="from"/>.</summary>
    public static double YinPitch(float[] samples, int from, int window, int sampleRate, double minHz = 60, double maxHz = 1200)
    {
        var minLag = (int)(sampleRate / maxHz);
        var maxLag = (int)(sampleRate / minHz);
        var difference = new double[maxLag + 2];
        for (var lag = 1; lag <= maxLag + 1; lag++)
        {
            double sum = 0;
            for (var i = 0; i < window; i++)
            {
                var d = samples[from + i] - (double)samples[from + i + lag];
                sum += d * d;
            }
            difference[lag] = sum;
        }
        // Cumulative mean normalised difference; the first dip under the threshold is the period.
        var normalised = new double[maxLag + 2];
        normalised[0] = 1;
        double running = 0;
        for (var lag = 1; lag <= maxLag + 1; lag++)
        {
            running += difference[lag];
            normalised[lag] = difference[lag] * lag / Math.Max(running, 1e-20);
        }
        var best = -1;
        for (var lag = minLag; lag <= maxLag; lag++)
        {
            if (normalised[lag] < 0.15 && normalised[lag] <= normalised[lag + 1])
            {
                best = lag;
                break;
            }
        }
        if (best < 0)
        {
            best = minLag;
            for (var lag = minLag; lag <= maxLag; lag++)
            {
                if (normalised[lag] < normalised[best])
                {
                    best = lag;
                }
            }
        }
        // Parabolic interpolation for a sub-sample period.
        var a = normalised[best - 1];
        var b = normalised[best];
        var c = normalised[best + 1];
        var denominator = a - 2 * b + c;
        var offset = Math.Abs(denominator) > 1e-12 ? 0.5 * (a - c) / denominator : 0;
        return sampleRate / (best + offset);
    }

    public static double CentsBetween(double hz, double referenceHz) => 1200 * Math.Log2(hz / referenceHz);

    public static double MidiToHz(double midi) => 440 * Math.Pow(2, (midi - 69) / 12);

    /// <summary>Magnitude spectrum (Hann window, power-of-two length) of the window starting at <paramref name="from"/>.</summary>
    public static double[] MagnitudeSpectrum(float[] samples, int from, int length)
    {
        var real = new double[length];
        var imaginary = new double[length];
        for (var i = 0; i < length; i++)
        {
            var hann = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / (length - 1));
            real[i] = samples[from + i] * hann;
        }
        AudioMusic.Audio.Analysis.Fft.Transform(real, imaginary);
        return [.. Enumerable.Range(0, length / 2).Select(k => Math.Sqrt((real[k] * real[k]) + (imaginary[k] * imaginary[k])))];
    }

    /// <summary>Frequency of the loudest point of the spectral envelope (smoothed over ~200 Hz) within a band.</summary>
    public static double EnvelopePeakHz(double[] spectrum, int sampleRate, double lowHz, double highHz)
    {
        var binHz = sampleRate / 2.0 / spectrum.Length;
        var half = Math.Max(1, (int)(100 / binHz));
        var bestHz = lowHz;
        var bestLevel = double.MinValue;
        for (var bin = (int)(lowHz / binHz); bin <= (int)(highHz / binHz); bin++)
        {
            double sum = 0;
            for (var k = bin - half; k <= bin + half; k++)
            {
                sum += spectrum[Math.Clamp(k, 0, spectrum.Length - 1)];
            }
            if (sum > bestLevel)
            {
                bestLevel = sum;
                bestHz = bin * binHz;
            }
        }
        return bestHz;
    }

    public static double SpectralCentroidHz(double[] spectrum, int sampleRate, double maxHz)
    {
        var binHz = sampleRate / 2.0 / spectrum.Length;
        double weighted = 0, total = 0;
        for (var bin = 1; bin < spectrum.Length && bin * binHz <= maxHz; bin++)
        {
            var power = spectrum[bin] * spectrum[bin];
            weighted += power * bin * binHz;
            total += power;
        }
        return weighted / total;
    }
}
