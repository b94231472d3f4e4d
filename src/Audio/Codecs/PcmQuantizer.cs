using System.Numerics;

namespace AudioMusic.Audio.Codecs;

/// <summary>Turns float samples into signed 16-bit integers the same way for every lossless format, so a FLAC and a
/// WAV of the same buffer decode to identical PCM.
/// Plain rounding with clipping, no dither: engines master to about −1 dBTP, where 16-bit rounding noise
/// (≈ −98 dBFS) is far below anything audible, and a dither generator would only make byte-for-byte determinism
/// depend on one more piece of state.</summary>
public static class PcmQuantizer
{
    public const int BitsPerSample = 16;

    /// <summary>Full scale: +1.0 maps to 32767 (clipped), −1.0 to −32768, so a decoder that divides by 32768
    /// gets back the quantised value exactly.</summary>
    public const float Scale = 32768f;

    public static int ToInt16(float sample)
    {
        // NaN would otherwise cast to an undefined value; silence is the only sensible reading of it.
        if (float.IsNaN(sample))
        {
            return 0;
        }
        var scaled = MathF.Round(sample * Scale, MidpointRounding.ToEven);
        return scaled >= short.MaxValue ? short.MaxValue : scaled <= short.MinValue ? short.MinValue : (int)scaled;
    }

    /// <summary>Quantises a run of samples exactly as <see cref="ToInt16"/> does, several at a time.</summary>
    public static void Quantize(ReadOnlySpan<float> source, Span<int> destination)
    {
        var width = Vector<float>.Count;
        var scale = new Vector<float>(Scale);
        var high = new Vector<float>(short.MaxValue);
        var low = new Vector<float>(short.MinValue);
        var i = 0;
        for (; i + width <= source.Length; i += width)
        {
            var x = new Vector<float>(source.Slice(i, width));
            // NaN compares unequal to itself: those lanes become silence, as in the scalar path.
            x = Vector.ConditionalSelect(Vector.Equals(x, x), x, Vector<float>.Zero);
            var scaled = Vector.Min(high, Vector.Max(low, Vector.Round(x * scale)));
            Vector.ConvertToInt32(scaled).CopyTo(destination.Slice(i, width));
        }
        for (; i < source.Length; i++)
        {
            destination[i] = ToInt16(source[i]);
        }
    }

    /// <summary>The whole buffer as 16-bit integers, channel-planar: what FLAC and WAV both store.</summary>
    public static short[][] QuantizeAll(AudioBuffer audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var result = new short[audio.ChannelCount][];
        for (var c = 0; c < audio.ChannelCount; c++)
        {
            var channel = audio.Channels[c];
            var quantised = new short[channel.Length];
            for (var i = 0; i < channel.Length; i++)
            {
                quantised[i] = (short)ToInt16(channel[i]);
            }
            result[c] = quantised;
        }
        return result;
    }

    /// <summary>Limits samples to ±1.0 (NaN to silence) for the lossy encoders, so every format stores the same
    /// clipped signal rather than some formats keeping overs that others cut.</summary>
    public static void Clip(ReadOnlySpan<float> source, Span<float> destination)
    {
        var width = Vector<float>.Count;
        var high = Vector<float>.One;
        var low = -Vector<float>.One;
        var i = 0;
        for (; i + width <= source.Length; i += width)
        {
            var x = new Vector<float>(source.Slice(i, width));
            x = Vector.ConditionalSelect(Vector.Equals(x, x), x, Vector<float>.Zero);
            Vector.Min(high, Vector.Max(low, x)).CopyTo(destination.Slice(i, width));
        }
        for (; i < source.Length; i++)
        {
            destination[i] = float.IsNaN(source[i]) ? 0 : Math.Clamp(source[i], -1f, 1f);
        }
    }
}
