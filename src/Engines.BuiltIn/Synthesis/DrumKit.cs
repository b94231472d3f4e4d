using AudioMusic.Engines.BuiltIn.Composition;

namespace AudioMusic.Engines.BuiltIn.Synthesis;

/// <summary>A synthesised drum kit rendered once per song into samples (so thousands of hits cost only a copy
/// each): kick (pitch-swept sine and click), snare (two tones and band-passed noise), rim, clap (three bursts
/// and a tail), closed/open hats, ride and crash (inharmonic square partials and high-passed noise), toms,
/// shaker, and a timpani tuned to the song's tonic.</summary>
internal sealed class DrumKit
{
    private readonly Dictionary<DrumSound, float[]> _samples = [];
    private readonly int _sampleRate;
    private readonly SeededRandom _random;

    public DrumKit(int sampleRate, SeededRandom random, int tonicPitchClass)
    {
        _sampleRate = sampleRate;
        _random = random;
        _samples[DrumSound.Kick] = Kick();
        _samples[DrumSound.Snare] = Snare();
        _samples[DrumSound.Rim] = Rim();
        _samples[DrumSound.Clap] = Clap();
        _samples[DrumSound.ClosedHat] = Metal(0.05, 0.3f);
        _samples[DrumSound.OpenHat] = Metal(0.32, 0.3f);
        _samples[DrumSound.Ride] = Metal(1.1, 0.16f, ping: true);
        _samples[DrumSound.Crash] = Metal(1.8, 0.34f);
        _samples[DrumSound.LowTom] = Tom(95, 70);
        _samples[DrumSound.HighTom] = Tom(160, 125);
        _samples[DrumSound.Shaker] = Shaker();
        _samples[DrumSound.Timpani] = Timpani(SynthMath.Frequency(Voicer.Place(tonicPitchClass, 36)));
    }

    public float[] Sample(DrumSound sound) => _samples[sound];

    /// <summary>Stereo position of each drum, as a drummer's kit is usually panned (audience view).</summary>
    public static float Pan(DrumSound sound) => sound switch
    {
        DrumSound.ClosedHat or DrumSound.OpenHat => 0.3f,
        DrumSound.Ride => -0.35f,
        DrumSound.Crash => -0.25f,
        DrumSound.HighTom => 0.2f,
        DrumSound.LowTom => -0.25f,
        DrumSound.Shaker => 0.4f,
        _ => 0f,
    };

    public static float Send(DrumSound sound) => sound switch
    {
        DrumSound.Snare or DrumSound.Clap or DrumSound.Rim => 0.22f,
        DrumSound.Kick => 0.03f,
        DrumSound.Timpani or DrumSound.LowTom or DrumSound.HighTom => 0.3f,
        _ => 0.12f,
    };

    private float[] Buffer(double seconds) => new float[(int)(seconds * _sampleRate)];

    private float[] Kick()
    {
        var s = Buffer(0.45);
        double phase = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var t = (double)i / _sampleRate;
            var f = 42 + 100 * Math.Exp(-t / 0.022);
            phase += f / _sampleRate;
            var body = Math.Sin(2 * Math.PI * phase) * Math.Exp(-t / 0.16);
            s[i] = (float)Math.Tanh(1.2 * body) * 0.95f;
        }
        return s;
    }

    private float[] Snare()
    {
        var s = Buffer(0.3);
        var noiseFilter = new StateVariableFilter();
        noiseFilter.SetCutoff(3500, 0.2f, _sampleRate);
        for (var i = 0; i < s.Length; i++)
        {
            var t = (double)i / _sampleRate;
            var tone = (Math.Sin(2 * Math.PI * 185 * t) + 0.6 * Math.Sin(2 * Math.PI * 330 * t)) * Math.Exp(-t / 0.045);
            var noise = noiseFilter.BandPass(_random.NextNoise()) * Math.Exp(-t / 0.075);
            s[i] = (float)(0.45 * tone + 1.3 * noise);
        }
        return s;
    }

    private float[] Rim()
    {
        var s = Buffer(0.08);
        var filter = new StateVariableFilter();
        filter.SetCutoff(1750, 0.85f, _sampleRate);
        for (var i = 0; i < s.Length; i++)
        {
            var t = (double)i / _sampleRate;
            var excitation = i < _sampleRate / 1000 ? _random.NextNoise() * 4 : 0;
            s[i] = (float)(filter.BandPass(excitation) * Math.Exp(-t / 0.02) * 0.8);
        }
        return s;
    }

    private float[] Clap()
    {
        var s = Buffer(0.35);
        var filter = new StateVariableFilter();
        filter.SetCutoff(1300, 0.45f, _sampleRate);
        for (var i = 0; i < s.Length; i++)
        {
            var t = (double)i / _sampleRate;
            var burst = t < 0.03 ? Math.Exp(-(t % 0.01) / 0.003) : Math.Exp(-(t - 0.03) / 0.09);
            s[i] = (float)(filter.BandPass(_random.NextNoise()) * burst * 1.6);
        }
        return s;
    }

    private float[] Metal(double decay, float level, bool ping = false)
    {
        // Six square waves at the inharmonic ratios of an analogue cymbal circuit, plus noise, high-passed.
        double[] ratios = [1.0, 1.342, 1.2312, 1.6532, 1.9523, 2.1523];
        var s = Buffer(decay * 1.4);
        var filter = new StateVariableFilter();
        filter.SetCutoff(ping ? 5000 : 7000, 0.2f, _sampleRate);
        for (var i = 0; i < s.Length; i++)
        {
            var t = (double)i / _sampleRate;
            var metallic = 0.0;
            foreach (var r in ratios)
            {
                // The fractional part by floor rather than % (a libm fmod call): the same value for a phase ≥ 0.
                var cycles = t * 400 * r;
                metallic += cycles - Math.Floor(cycles) < 0.5 ? 1 : -1;
            }
            var x = (float)(metallic / 6 * 0.6 + _random.NextNoise() * 0.7);
            var envelope = Math.Exp(-t / (decay / 3));
            s[i] = (float)(filter.HighPass(x) * envelope * level);
        }
        return s;
    }

    private float[] Tom(double startHz, double endHz)
    {
        var s = Buffer(0.5);
        double phase = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var t = (double)i / _sampleRate;
            phase += (endHz + (startHz - endHz) * Math.Exp(-t / 0.05)) / _sampleRate;
            s[i] = (float)((Math.Sin(2 * Math.PI * phase) + 0.1 * _random.NextNoise() * Math.Exp(-t / 0.01)) * Math.Exp(-t / 0.14) * 0.7);
        }
        return s;
    }

    private float[] Shaker()
    {
        var s = Buffer(0.12);
        var filter = new StateVariableFilter();
        filter.SetCutoff(6500, 0.3f, _sampleRate);
        for (var i = 0; i < s.Length; i++)
        {
            var t = (double)i / _sampleRate;
            var envelope = Math.Min(1, t / 0.012) * Math.Exp(-t / 0.03);
            s[i] = (float)(filter.BandPass(_random.NextNoise()) * envelope * 0.7);
        }
        return s;
    }

    private float[] Timpani(double f)
    {
        var s = Buffer(1.6);
        for (var i = 0; i < s.Length; i++)
        {
            var t = (double)i / _sampleRate;
            var body = Math.Sin(2 * Math.PI * f * t) * Math.Exp(-t / 0.5)
                + 0.5 * Math.Sin(2 * Math.PI * f * 1.504 * t) * Math.Exp(-t / 0.3)
                + 0.3 * Math.Sin(2 * Math.PI * f * 1.742 * t) * Math.Exp(-t / 0.2);
            var mallet = t < 0.01 ? _random.NextNoise() * (1 - t / 0.01) * 0.4 : 0;
            s[i] = (float)((body + mallet) * 0.6);
        }
        return s;
    }
}
