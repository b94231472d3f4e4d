namespace AudioMusic.Audio.Analysis;

/// <summary>Min/max peaks for drawing a waveform, in the layout of BBC audiowaveform's JSON (version 2), which web
/// players (peaks.js, wavesurfer) read: 16-bit values, <c>samples_per_pixel</c> input frames a point, the points
/// interleaved per channel as min, max.</summary>
public sealed record WaveformPeaks(int Version, int Channels, int SampleRate, int SamplesPerPixel, int Bits, int Length, short[] Data)
{
    public const int MinPoints = 16;
    public const int MaxPoints = 8192;
    public const int DefaultPoints = 1000;

    /// <summary>At most <paramref name="points"/> points: each covers ceil(frames / points) frames (the last one what is
    /// left), so the whole audio is drawn and every point covers the same span of time.</summary>
    public static WaveformPeaks Compute(AudioBuffer audio, int points)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        var samplesPerPixel = Math.Max(1, (int)Math.Ceiling((double)audio.Frames / points));
        var length = (audio.Frames + samplesPerPixel - 1) / samplesPerPixel;
        var channels = audio.ChannelCount;
        var data = new short[length * channels * 2];
        for (var p = 0; p < length; p++)
        {
            var start = p * samplesPerPixel;
            var count = Math.Min(samplesPerPixel, audio.Frames - start);
            for (var c = 0; c < channels; c++)
            {
                var slice = audio.Channels[c].AsSpan(start, count);
                float min = slice[0], max = slice[0];
                foreach (var sample in slice)
                {
                    min = Math.Min(min, sample);
                    max = Math.Max(max, sample);
                }
                var index = ((p * channels) + c) * 2;
                data[index] = ToInt16(min);
                data[index + 1] = ToInt16(max);
            }
        }
        return new WaveformPeaks(2, channels, audio.SampleRate, samplesPerPixel, 16, length, data);
    }

    /// <summary>The 16-bit value of a sample, as a 16-bit PCM file of it holds it.</summary>
    private static short ToInt16(float sample) => (short)Math.Clamp(Math.Round(sample * 32768.0), short.MinValue, short.MaxValue);
}
