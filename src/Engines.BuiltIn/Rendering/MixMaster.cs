using System.Runtime.Intrinsics;
using AudioMusic.Audio.Dsp;
using AudioMusic.Engines.BuiltIn.Mixing;

namespace AudioMusic.Engines.BuiltIn.Rendering;

/// <summary>Mix-down and mastering: reverb return, bus compression, an end fade for the final ring-out, then
/// loudness normalisation to −14 LUFS under a −1 dBTP true-peak ceiling. A loop is processed as two copies back
/// to back and the second copy kept, so that every effect's state at the wrap point is what it is in steady
/// repetition (no seam).</summary>
internal sealed class MixMaster
{
    private const float MixPeak = 0.5f;
    private readonly int _sampleRate;

    public MixMaster(int sampleRate)
    {
        _sampleRate = sampleRate;
    }

    /// <summary>Returns the mastered stereo channels and the linear gain from the pre-master mix to the master.</summary>
    public (float[][] Channels, float Gain) Finish(MixBus bus, float reverbWet, bool loop, double fadeSeconds, CancellationToken cancellationToken, Action<string, double> progress)
    {
        var left = loop ? Twice(bus.Left) : bus.Left;
        var right = loop ? Twice(bus.Right) : bus.Right;
        var send = loop ? Twice(bus.Send) : bus.Send;
        if (reverbWet > 0)
        {
            new Reverb(_sampleRate).Process(send, left, right, reverbWet, cancellationToken, f => progress("mixing", f * 0.7));
        }
        var gain = 1f;
        var peak = Peak(left, right);
        if (peak > 0)
        {
            gain = MixPeak / peak;
            Scale(left, gain);
            Scale(right, gain);
        }
        new BusCompressor(_sampleRate).Process(left, right, cancellationToken);
        progress("mixing", 1);
        if (fadeSeconds > 0 && !loop)
        {
            FadeOut(left, fadeSeconds);
            FadeOut(right, fadeSeconds);
        }
        progress("mastering", 0.05);
        var channels = new[] { left, right };
        var report = new LoudnessNormalizer(_sampleRate).Normalize(channels, cancellationToken);
        progress("mastering", 1);
        gain *= (float)Math.Pow(10, report.GainDb / 20);
        if (loop)
        {
            var frames = bus.Frames;
            Array.Copy(left, frames, bus.Left, 0, frames);
            Array.Copy(right, frames, bus.Right, 0, frames);
            channels = [bus.Left, bus.Right];
        }
        return (channels, gain);
    }

    private static float[] Twice(float[] x)
    {
        var doubled = new float[x.Length * 2];
        x.CopyTo(doubled, 0);
        x.CopyTo(doubled, x.Length);
        return doubled;
    }

    /// <summary>The largest magnitude in either channel, eight samples at a time (a maximum does not depend on
    /// the order it is taken in, so the result is the scalar one).</summary>
    private static float Peak(float[] left, float[] right)
    {
        var width = Vector256<float>.Count;
        var peaks = Vector256<float>.Zero;
        var i = 0;
        for (; i <= left.Length - width; i += width)
        {
            peaks = Vector256.Max(peaks, Vector256.Max(Vector256.Abs(Vector256.Create(left, i)), Vector256.Abs(Vector256.Create(right, i))));
        }
        var peak = 0f;
        for (var lane = 0; lane < width; lane++)
        {
            peak = Math.Max(peak, peaks[lane]);
        }
        for (; i < left.Length; i++)
        {
            peak = Math.Max(peak, Math.Max(Math.Abs(left[i]), Math.Abs(right[i])));
        }
        return peak;
    }

    private static void Scale(float[] x, float gain)
    {
        var width = Vector256<float>.Count;
        var i = 0;
        for (; i <= x.Length - width; i += width)
        {
            (Vector256.Create(x, i) * gain).CopyTo(x, i);
        }
        for (; i < x.Length; i++)
        {
            x[i] *= gain;
        }
    }

    /// <summary>A raised-cosine fade over the last <paramref name="seconds"/>, so the ring-out ends at exactly zero.</summary>
    private void FadeOut(float[] x, double seconds)
    {
        var length = Math.Min(x.Length, (int)(seconds * _sampleRate));
        var start = x.Length - length;
        for (var i = 0; i < length; i++)
        {
            x[start + i] *= 0.5f * (1 + MathF.Cos(MathF.PI * (i + 1) / length));
        }
    }
}
