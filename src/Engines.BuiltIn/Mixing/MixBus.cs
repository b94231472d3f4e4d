using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    /// <summary>Adds source · gain to each of the three targets in one pass over the source, eight samples at a
    /// time (the same result per sample as a scalar loop). The spans are all as long as the source, so the loop
    /// reads and writes through references without bounds checks.</summary>
    private static void AddScaled(ReadOnlySpan<float> source, Span<float> left, Span<float> right, Span<float> send,
        float leftGain, float rightGain, float sendGain)
    {
        const int width = 8;
        ref var x = ref MemoryMarshal.GetReference(source);
        ref var l = ref MemoryMarshal.GetReference(left[..source.Length]);
        ref var r = ref MemoryMarshal.GetReference(right[..source.Length]);
        ref var s = ref MemoryMarshal.GetReference(send[..source.Length]);
        var (gl, gr, gs) = (Vector256.Create(leftGain), Vector256.Create(rightGain), Vector256.Create(sendGain));
        nuint i = 0;
        var n = (nuint)source.Length;
        for (; i + width <= n; i += width)
        {
            var v = Vector256.LoadUnsafe(ref x, i);
            (Vector256.LoadUnsafe(ref l, i) + v * gl).StoreUnsafe(ref l, i);
            (Vector256.LoadUnsafe(ref r, i) + v * gr).StoreUnsafe(ref r, i);
            (Vector256.LoadUnsafe(ref s, i) + v * gs).StoreUnsafe(ref s, i);
        }
        for (; i < n; i++)
        {
            var v = Unsafe.Add(ref x, i);
            Unsafe.Add(ref l, i) += v * leftGain;
            Unsafe.Add(ref r, i) += v * rightGain;
            Unsafe.Add(ref s, i) += v * sendGain;
        }
    }

    public static (float Left, float Right) PanGains(float pan)
    {
        var angle = (Math.Clamp(pan, -1f, 1f) + 1f) * MathF.PI / 4f;
        return (MathF.Cos(angle) * 1.4142135f, MathF.Sin(angle) * 1.4142135f);
    }
}
