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
            AddScaled(remaining[..count], Left.AsSpan(position, count), Right.AsSpan(position, count), Send.AsSpan(position, count), left, right, sendGain);
            remaining = remaining[count..];
            position += count;
        }
    }

    /// <summary>Adds source · gain to each of the three targets in one pass over the source, a vector of samples
    /// at a time (the same result per sample as a scalar loop).</summary>
    private static void AddScaled(ReadOnlySpan<float> source, Span<float> left, Span<float> right, Span<float> send,
        float leftGain, float rightGain, float sendGain)
    {
        var width = Vector<float>.Count;
        var gl = new Vector<float>(leftGain);
        var gr = new Vector<float>(rightGain);
        var gs = new Vector<float>(sendGain);
        var i = 0;
        for (; i <= source.Length - width; i += width)
        {
            var x = new Vector<float>(source[i..]);
            (new Vector<float>(left[i..]) + x * gl).CopyTo(left[i..]);
            (new Vector<float>(right[i..]) + x * gr).CopyTo(right[i..]);
            (new Vector<float>(send[i..]) + x * gs).CopyTo(send[i..]);
        }
        for (; i < source.Length; i++)
        {
            left[i] += source[i] * leftGain;
            right[i] += source[i] * rightGain;
            send[i] += source[i] * sendGain;
        }
    }

    public static (float Left, float Right) PanGains(float pan)
    {
        var angle = (Math.Clamp(pan, -1f, 1f) + 1f) * MathF.PI / 4f;
        return (MathF.Cos(angle) * 1.4142135f, MathF.Sin(angle) * 1.4142135f);
    }
}
