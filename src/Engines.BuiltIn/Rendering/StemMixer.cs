using AudioMusic.Audio;
using AudioMusic.Engines.BuiltIn.Mixing;

namespace AudioMusic.Engines.BuiltIn.Rendering;

/// <summary>Finishes the stems with the linear part of the mix-down the master had: each stem's own reverb return
/// (the reverb is linear, so the returns add up to the main mix's), the master's make-up gain and the end fade.
/// The stems therefore sum to the mix before mastering's non-linear stages (bus compression, true-peak limiting),
/// at the master's level. Loops go through two copies and keep the second, as the master does.</summary>
internal sealed class StemMixer
{
    private readonly int _sampleRate;

    public StemMixer(int sampleRate) => _sampleRate = sampleRate;

    public IReadOnlyDictionary<string, AudioBuffer> Finish(StemBuses stems, float reverbWet, bool loop, double fadeSeconds, float gain, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, AudioBuffer>(StringComparer.Ordinal);
        foreach (var name in StemBuses.Names)
        {
            var bus = stems[name];
            var frames = bus.Frames;
            var left = loop ? MixMaster.Twice(bus.Left) : bus.Left;
            var right = loop ? MixMaster.Twice(bus.Right) : bus.Right;
            var send = loop ? MixMaster.Twice(bus.Send) : bus.Send;
            if (reverbWet > 0)
            {
                new Reverb(_sampleRate).Process(send, left, right, reverbWet, cancellationToken);
            }
            Samples.Scale(left, gain);
            Samples.Scale(right, gain);
            if (fadeSeconds > 0 && !loop)
            {
                MixMaster.FadeOut(left, fadeSeconds, _sampleRate);
                MixMaster.FadeOut(right, fadeSeconds, _sampleRate);
            }
            result[name] = loop
                ? new AudioBuffer(_sampleRate, [left[frames..], right[frames..]])
                : new AudioBuffer(_sampleRate, [left, right]);
        }
        return result;
    }
}
