using AudioMusic.Audio;
using AudioMusic.TestSupport;

namespace AudioMusic.Audio.Tests.Codecs;

/// <summary>The synthetic programmes every encoder is put through.</summary>
public static class CodecSignals
{
    public static AudioBuffer Named(string name) => name switch
    {
        "sine" => TestSignals.Dual(TestSignals.Sine(440, 2, 0.5)),
        "chord" => TestSignals.Chords([[60, 64, 67], [65, 69, 72], [67, 71, 74]], 0.7),
        "noise" => TestSignals.Stereo(TestSignals.Noise(2, 0.3, seed: 11), TestSignals.Noise(2, 0.3, seed: 12)),
        "silence" => AudioBuffer.Silence(TestSignals.Rate, 2, TestSignals.Rate),
        "hard-panned" => TestSignals.Stereo(TestSignals.Sine(330, 2, 0.6), new float[2 * TestSignals.Rate]),
        // Beyond full scale on purpose: the quantiser must clip, not wrap.
        "clipped" => TestSignals.Dual(TestSignals.Sine(220, 1, 1.4)),
        "short-1" => TestSignals.Dual([0.25f]),
        "short-15" => TestSignals.Dual(TestSignals.Sine(1000, 15.0 / TestSignals.Rate)),
        "short-4097" => TestSignals.Stereo(TestSignals.Noise(4097.0 / TestSignals.Rate, 0.5, 3), TestSignals.Sine(100, 4097.0 / TestSignals.Rate)),
        "mono" => new AudioBuffer(TestSignals.Rate, [TestSignals.Sine(523.25, 1, 0.4)]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static TheoryData<string> LosslessCases => new(["sine", "chord", "noise", "silence", "hard-panned", "clipped", "short-1", "short-15", "short-4097", "mono"]);

    /// <summary>Lossy codecs get programmes long enough for their padding to be small against them.</summary>
    public static TheoryData<string> LossyCases => new(["sine", "chord", "noise", "hard-panned", "clipped", "mono"]);

    /// <summary>Three minutes of a changing stereo mix: chords, noise bursts and a bass line.</summary>
    public static AudioBuffer ThreeMinuteSong()
    {
        const int seconds = 180;
        var frames = seconds * TestSignals.Rate;
        var left = new float[frames];
        var right = new float[frames];
        var random = new Random(2024);
        for (var i = 0; i < frames; i++)
        {
            var t = (double)i / TestSignals.Rate;
            var bar = (int)(t / 2);
            var root = 110 * Math.Pow(2, (bar % 4) * 2 / 12.0);
            var chord = (0.15 * Math.Sin(2 * Math.PI * root * 2 * t)) + (0.1 * Math.Sin(2 * Math.PI * root * 2.5 * t)) + (0.1 * Math.Sin(2 * Math.PI * root * 3 * t));
            var bass = 0.2 * Math.Sin(2 * Math.PI * root / 2 * t);
            var beatPhase = t * 2 % 1;
            var hat = beatPhase < 0.05 ? 0.2 * Math.Exp(-beatPhase * 60) * ((2 * random.NextDouble()) - 1) : 0;
            left[i] = (float)(chord + bass + hat);
            right[i] = (float)((0.8 * chord) + bass - hat);
        }
        return new AudioBuffer(TestSignals.Rate, [left, right]);
    }
}
