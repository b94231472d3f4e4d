using AudioMusic.Audio.Dsp;
using AudioMusic.TestSupport;

namespace AudioMusic.Audio.Tests.Dsp;

public sealed class ResamplerTests
{
    [Theory]
    [InlineData(48_000, 44_100)]
    [InlineData(44_100, 48_000)]
    public void A_tone_keeps_its_pitch_level_and_length(int from, int to)
    {
        var tone = Tone(from, 997, 0.5, seconds: 2);

        var resampled = Resampler.Resample(tone, to);

        Assert.Equal(to, resampled.SampleRate);
        Assert.Equal((int)Math.Round(tone.Frames * (double)to / from), resampled.Frames);
        var middle = resampled.Channels[0].AsSpan(to / 2, to).ToArray();
        Assert.InRange(RisingZeroCrossings(middle), 996, 998);
        Assert.InRange(Signal.RmsDb(middle) - Signal.RmsDb(tone.Channels[0].AsSpan(from / 2, from).ToArray()), -0.05, 0.05);
    }

    [Fact]
    public void A_tone_above_the_new_nyquist_frequency_does_not_fold_back()
    {
        // 23 kHz is legal at 48 kHz and above 44.1 kHz's Nyquist frequency (22.05 kHz): it must vanish, not alias to 21.1 kHz.
        var tone = Tone(48_000, 23_000, 0.5, seconds: 1);

        var resampled = Resampler.Resample(tone, 44_100);

        var middle = resampled.Channels[0].AsSpan(11_025, 22_050).ToArray();
        Assert.True(Signal.RmsDb(middle) < -70, $"alias level {Signal.RmsDb(middle):F1} dBFS");
    }

    [Fact]
    public void Dc_passes_unchanged()
    {
        var dc = new AudioBuffer(48_000, [Enumerable.Repeat(0.25f, 48_000).ToArray()]);
        var resampled = Resampler.Resample(dc, 44_100);
        Assert.All(resampled.Channels[0].AsSpan(100, 43_800).ToArray(), s => Assert.InRange(s, 0.2499f, 0.2501f));
    }

    /// <summary>Frequency of a one-second tone, counted directly.</summary>
    private static int RisingZeroCrossings(float[] samples)
    {
        var count = 0;
        for (var i = 1; i < samples.Length; i++)
        {
            if (samples[i - 1] < 0 && samples[i] >= 0)
            {
                count++;
            }
        }
        return count;
    }

    private static AudioBuffer Tone(int rate, double hz, double amplitude, double seconds)
    {
        var samples = new float[(int)(rate * seconds)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / rate));
        }
        return new AudioBuffer(rate, [samples, (float[])samples.Clone()]);
    }
}
