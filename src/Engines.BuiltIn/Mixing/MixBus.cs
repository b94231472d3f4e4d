using System.Numerics;

namespace AudioMusic.Engines.BuiltIn.Mixing;

/// <summary>The stereo mix being built plus a mono reverb send. Sources are added with constant-power panning.</summary>
internal sealed class MixBus
{
    public MixBus(int frames)
    {
        Left = new float[frames];
        Right = new float[frames];
        Send = new float[frames];
    }

    public float[] Left { get; }

    public float[] Right { get; }

    public float[] Send { get; }

    public int Frames => Left.Length;

    /// <summary>Adds <paramref name="source"/> at <paramref name="offset"/>; with <paramref name="wrap"/> the part
    /// past the end continues at the start (loops: the tails of the last bar ring into the first).</summary>
    public void Add(ReadOnlySpan<float> source, int offset, float gain, float pan, float send, bool wrap = false)
    {
        var (left, right) = PanGains(pan);
        left *= gain;
        right *= gain;
        var sendGain = gain * send;
        var position = offset;
        var remaining = source;
        while (remaining.Length > 0)
        {
            if (position >= Frames)
            {
                if (!wrap)
                {
                    return;
                }
                position %= Frames;
            }
            var count = Math.Min(remaining.Length, Frames - position);
            var chunk = remaining[..count];
            AddScaled(chunk, Left.AsSpan(position, count), left);
            AddScaled(chunk, Right.AsSpan(position, count), right);
            AddScaled(chunk, Send.AsSpan(position, count), sendGain);
            remaining = remaining[count..];
            position += count;
        }
    }

    /// <summary>target += source · gain, a vector of samples at a time (the same result per sample as the scalar loop).</summary>
    private static void AddScaled(ReadOnlySpan<float> source, Span<float> target, float gain)
    {
        var width = Vector<float>.Count;
        var g = new Vector<float>(gain);
        var i = 0;
        for (; i <= source.Length - width; i += width)
        {
            (new Vector<float>(target[i..]) + new Vector<float>(source[i..]) * g).CopyTo(target[i..]);
        }
        for (; i < source.Length; i++)
        {
            target[i] += source[i] * gain;
        }
    }

    public static (float Left, float Right) PanGains(float pan)
    {
        var angle = (Math.Clamp(pan, -1f, 1f) + 1f) * MathF.PI / 4f;
        return (MathF.Cos(angle) * 1.4142135f, MathF.Sin(angle) * 1.4142135f);
    }
}
