using AudioMusic.Audio;

namespace AudioMusic.TestSupport;

/// <summary>Fundamental-frequency tracking with YIN: the cumulative-mean-normalised difference function of each
/// frame, its first dip below a threshold, refined by parabolic interpolation.</summary>
public static class PitchEstimator
{
    public static IReadOnlyList<PitchFrame> Track(AudioBuffer audio, double minHz = 60, double maxHz = 1200, double hopSeconds = 0.01, double threshold = 0.15) =>
        Track(Signal.Mono(audio), audio.SampleRate, minHz, maxHz, hopSeconds, threshold);

    public static IReadOnlyList<PitchFrame> Track(float[] mono, int sampleRate, double minHz = 60, double maxHz = 1200, double hopSeconds = 0.01, double threshold = 0.15)
    {
        var maxLag = (int)Math.Ceiling(sampleRate / minHz);
        var minLag = Math.Max(2, (int)Math.Floor(sampleRate / maxHz));
        var window = maxLag;
        var hop = Math.Max(1, (int)(hopSeconds * sampleRate));
        var difference = new double[maxLag + 2];
        var frames = new List<PitchFrame>();
        for (var start = 0; start + window + maxLag + 1 < mono.Length; start += hop)
        {
            var time = (start + (window / 2.0)) / sampleRate;
            frames.Add(Analyse(mono, start, window, minLag, maxLag, threshold, sampleRate, difference, time));
        }
        return frames;
    }

    private static PitchFrame Analyse(float[] x, int start, int window, int minLag, int maxLag, double threshold, int sampleRate, double[] d, double time)
    {
        double energy = 0;
        for (var i = 0; i < window; i++)
        {
            energy += (double)x[start + i] * x[start + i];
        }
        if (energy < 1e-10 * window)
        {
            return new PitchFrame(time, null, 1);
        }
        d[0] = 1;
        double running = 0;
        for (var lag = 1; lag <= maxLag + 1; lag++)
        {
            double sum = 0;
            for (var i = 0; i < window; i++)
            {
                var delta = (double)x[start + i] - x[start + i + lag];
                sum += delta * delta;
            }
            running += sum;
            d[lag] = running == 0 ? 1 : sum * lag / running;
        }
        var chosen = -1;
        for (var lag = minLag; lag <= maxLag; lag++)
        {
            if (d[lag] < threshold)
            {
                while (lag + 1 <= maxLag && d[lag + 1] < d[lag])
                {
                    lag++;
                }
                chosen = lag;
                break;
            }
        }
        if (chosen < 0)
        {
            return new PitchFrame(time, null, d[minLag..(maxLag + 1)].Min());
        }
        var refined = (double)chosen;
        var denominator = d[chosen - 1] - (2 * d[chosen]) + d[chosen + 1];
        if (denominator != 0)
        {
            refined += 0.5 * (d[chosen - 1] - d[chosen + 1]) / denominator;
        }
        return new PitchFrame(time, sampleRate / refined, d[chosen]);
    }

    public static double HzToMidi(double hz) => 69 + (12 * Math.Log2(hz / 440));
}

/// <summary>One analysis frame: its centre time, f0 in Hz when voiced, and the YIN aperiodicity (0 = periodic).</summary>
public sealed record PitchFrame(double TimeSeconds, double? FrequencyHz, double Aperiodicity);
