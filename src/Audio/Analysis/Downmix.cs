namespace AudioMusic.Audio.Analysis;

/// <summary>The average of all channels, which the analyses listen to.</summary>
public static class Downmix
{
    public static float[] Mono(AudioBuffer audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        return Mono(audio, 0, audio.Frames);
    }

    /// <summary>The average of all channels over frames [start, start + frames).</summary>
    public static float[] Mono(AudioBuffer audio, int start, int frames)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var mono = new float[frames];
        foreach (var channel in audio.Channels)
        {
            var source = channel.AsSpan(start, frames);
            for (var i = 0; i < mono.Length; i++)
            {
                mono[i] += source[i] / audio.ChannelCount;
            }
        }
        return mono;
    }
}
