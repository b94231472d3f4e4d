namespace AudioMusic.Audio.Analysis;

/// <summary>The average of all channels, which the analyses listen to.</summary>
public static class Downmix
{
    public static float[] Mono(AudioBuffer audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var mono = new float[audio.Frames];
        foreach (var channel in audio.Channels)
        {
            for (var i = 0; i < mono.Length; i++)
            {
                mono[i] += channel[i] / audio.ChannelCount;
            }
        }
        return mono;
    }
}
