using System.Numerics;

namespace AudioMusic.Audio.Dsp;

/// <summary>Changes the sample rate by a rational factor with a polyphase windowed-sinc filter: 64 taps a phase,
/// Kaiser window (β = 8, about 80 dB stop-band), cut-off at 94 % of the lower Nyquist frequency, so 48 kHz ↔ 44.1 kHz
/// keeps everything below 20.7 kHz and folds nothing audible back. Each phase's taps sum to one: DC passes unchanged.
/// The output has exactly round(frames × out / in) frames, aligned with the input's first sample.</summary>
public static class Resampler
{
    private const int HalfTaps = 32;
    private const double KaiserBeta = 8.0;
    private const double CutoffShare = 0.94;

    public static AudioBuffer Resample(AudioBuffer audio, int targetRate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetRate);
        if (targetRate == audio.SampleRate)
        {
            return audio;
        }
        var divisor = (int)BigInteger.GreatestCommonDivisor(audio.SampleRate, targetRate);
        var up = targetRate / divisor;
        var down = audio.SampleRate / divisor;
        var phases = BuildPhases(up, down);
        var outputFrames = (int)Math.Round((double)audio.Frames * up / down);
        var output = new float[audio.ChannelCount][];
        // Padding both ends with silence lets the inner loop read whole windows without bounds tests.
        var padded = new float[audio.Frames + (2 * HalfTaps)];
        for (var c = 0; c < audio.ChannelCount; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            audio.Channels[c].CopyTo(padded, HalfTaps);
            var destination = output[c] = new float[outputFrames];
            for (var n = 0; n < outputFrames; n++)
            {
                var position = (long)n * down;
                var index = (int)(position / up);
                var taps = phases[(int)(position % up)];
                // Window of input samples index−31 … index+32, at offset HalfTaps in the padded copy.
                destination[n] = Dot(padded.AsSpan(index + 1, 2 * HalfTaps), taps);
            }
        }
        return new AudioBuffer(targetRate, output);
    }

    private static float Dot(ReadOnlySpan<float> samples, ReadOnlySpan<float> taps)
    {
        var width = Vector<float>.Count;
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i + width <= taps.Length; i += width)
        {
            sum += new Vector<float>(samples.Slice(i, width)) * new Vector<float>(taps.Slice(i, width));
        }
        var total = Vector.Sum(sum);
        for (; i < taps.Length; i++)
        {
            total += samples[i] * taps[i];
        }
        return total;
    }

    /// <summary>Taps for each of the <paramref name="up"/> phases; tap k weighs input sample index − 31 + k for an output
    /// that falls phase / up of a sample after input sample index.</summary>
    private static float[][] BuildPhases(int up, int down)
    {
        var cutoff = Math.Min(1.0, (double)up / down) * CutoffShare;
        var phases = new float[up][];
        for (var phase = 0; phase < up; phase++)
        {
            var taps = new double[2 * HalfTaps];
            for (var k = 0; k < taps.Length; k++)
            {
                // Distance from the output instant to input sample (index − 31 + k).
                var distance = (HalfTaps - 1 - k) + ((double)phase / up);
                taps[k] = cutoff * Sinc(cutoff * distance) * Kaiser(distance / HalfTaps);
            }
            var sum = taps.Sum();
            phases[phase] = taps.Select(t => (float)(t / sum)).ToArray();
        }
        return phases;
    }

    private static double Sinc(double x) => Math.Abs(x) < 1e-12 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);

    private static double Kaiser(double x) =>
        Math.Abs(x) >= 1 ? 0 : BesselI0(KaiserBeta * Math.Sqrt(1 - (x * x))) / BesselI0(KaiserBeta);

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1;
        for (var k = 1; k < 50; k++)
        {
            term *= x / (2 * k);
            var squared = term * term;
            sum += squared;
            if (squared < sum * 1e-16)
            {
                break;
            }
        }
        return sum;
    }
}
