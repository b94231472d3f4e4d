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
        var peak = Math.Max(Samples.Peak(left), Samples.Peak(right));
        if (peak > 0)
        {
            gain = MixPeak / peak;
            Samples.Scale(left, gain);
            Samples.Scale(right, gain);
        }
        new BusCompressor(_sampleRate).Process(left, right, cancellationToken);
        progress("mixing", 1);
        if (fadeSeconds > 0 && !loop)
        {
            FadeOut(left, fadeSeconds, _sampleRate);
            FadeOut(right, fadeSeconds, _sampleRate);
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

    public static float[] Twice(float[] x)
    {
        var doubled = new float[x.Length * 2];
        x.CopyTo(doubled, 0);
        x.CopyTo(doubled, x.Length);
        return doubled;
    }

    /// <summary>A raised-cosine fade over the last <paramref name="seconds"/>, so the ring-out ends at exactly zero.</summary>
    public static void FadeOut(float[] x, double seconds, int sampleRate)
    {
        var length = Math.Min(x.Length, (int)(seconds * sampleRate));
        var start = x.Length - length;
        for (var i = 0; i < length; i++)
        {
            x[start + i] *= 0.5f * (1 + MathF.Cos(MathF.PI * (i + 1) / length));
        }
    }
}
