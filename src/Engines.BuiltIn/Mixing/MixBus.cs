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
            var l = Left.AsSpan(position, count);
            var r = Right.AsSpan(position, count);
            var s = Send.AsSpan(position, count);
            for (var i = 0; i < count; i++)
            {
                var x = remaining[i];
                l[i] += x * left;
                r[i] += x * right;
                s[i] += x * sendGain;
            }
            remaining = remaining[count..];
            position += count;
        }
    }

    public static (float Left, float Right) PanGains(float pan)
    {
        var angle = (Math.Clamp(pan, -1f, 1f) + 1f) * MathF.PI / 4f;
        return (MathF.Cos(angle) * 1.4142135f, MathF.Sin(angle) * 1.4142135f);
    }
}
