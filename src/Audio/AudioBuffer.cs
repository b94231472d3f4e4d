namespace AudioMusic.Audio;

/// <summary>Planar 32-bit float PCM: one array per channel, nominal full scale ±1.0.</summary>
public sealed class AudioBuffer
{
    public const int StandardSampleRate = 48_000;

    public AudioBuffer(int sampleRate, float[][] channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Length == 0 || channels.Any(c => c.Length != channels[0].Length))
        {
            throw new ArgumentException("A buffer needs at least one channel, all of the same length.", nameof(channels));
        }
        SampleRate = sampleRate;
        Channels = channels;
    }

    public static AudioBuffer Silence(int sampleRate, int channelCount, int frames) =>
        new(sampleRate, Enumerable.Range(0, channelCount).Select(_ => new float[frames]).ToArray());

    public int SampleRate { get; }

    public float[][] Channels { get; }

    public int ChannelCount => Channels.Length;

    public int Frames => Channels[0].Length;

    public double DurationSeconds => (double)Frames / SampleRate;
}
