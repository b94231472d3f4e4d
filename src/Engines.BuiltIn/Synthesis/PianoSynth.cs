using AudioMusic.Engines.BuiltIn.Composition;

namespace AudioMusic.Engines.BuiltIn.Synthesis;

/// <summary>Additive piano: stiff-string partials (stretched by inharmonicity B), each decaying faster the higher
/// it is, brighter with velocity, a short hammer-noise thump, and a damper that stops the string at note-off.</summary>
internal sealed class PianoSynth : INoteSynth
{
    private const double Inharmonicity = 0.00035;
    private const int MaxPartials = 7;

    private readonly int _sampleRate;
    private readonly SeededRandom _random;

    public PianoSynth(int sampleRate, SeededRandom random)
    {
        _sampleRate = sampleRate;
        _random = random;
    }

    public double ReleaseSeconds => 0.25;

    public void Render(in NoteEvent note, Span<float> output)
    {
        var f = SynthMath.Frequency(note.Pitch);
        var velocity = note.Velocity;
        var noteFrames = Math.Min(output.Length, (int)(note.Duration * _sampleRate));
        var damper = SynthMath.DecayPerSample(ReleaseSeconds, _sampleRate);
        var sustain = Math.Clamp(7.0 * Math.Sqrt(261.6 / f), 1.2, 14.0);
        var partials = Math.Min(MaxPartials, (int)(16000 / f));
        for (var n = 1; n <= partials; n++)
        {
            var fn = f * n * Math.Sqrt(1 + Inharmonicity * n * n);
            var increment = fn / _sampleRate;
            var amplitude = 0.32f * velocity * Math.Pow(n, -(1.0 + 1.1 * (1 - velocity)));
            var decay = SynthMath.DecayPerSample(sustain / (1 + 0.6 * (n - 1)), _sampleRate);
            var phase = _random.NextDouble() * 0.1;
            DampedSine.Add(output[..noteFrames], amplitude, increment, phase, decay);
            // At note-off the damper takes over from where the free decay got to.
            DampedSine.Add(output[noteFrames..], amplitude * Math.Pow(decay, noteFrames), increment, phase + noteFrames * increment, damper);
        }
        // Hammer: a few milliseconds of decaying noise, louder for harder strokes.
        var hammer = Math.Min(output.Length, _sampleRate / 200);
        var low = 0f;
        for (var i = 0; i < hammer; i++)
        {
            low += 0.35f * (_random.NextNoise() - low);
            output[i] += low * 0.25f * velocity * (1 - (float)i / hammer);
        }
    }
}

/// <summary>Tonewheel organ: additive drawbars (16', 8', 5⅓', 4', 2') with a key click and a slow rotary
/// tremolo; sustains at full level while the key is held.</summary>
internal sealed class OrganSynth : INoteSynth
{
    // The 5⅓' (fifth) drawbar is kept low: a loud quint makes every chord lean towards its dominant.
    private static readonly (float Ratio, float Level)[] Drawbars = [(0.5f, 0.45f), (1f, 1f), (1.5f, 0.15f), (2f, 0.5f), (4f, 0.2f)];

    private readonly int _sampleRate;
    private readonly SeededRandom _random;

    public OrganSynth(int sampleRate, SeededRandom random)
    {
        _sampleRate = sampleRate;
        _random = random;
    }

    public double ReleaseSeconds => 0.06;

    public void Render(in NoteEvent note, Span<float> output)
    {
        var f = SynthMath.Frequency(note.Pitch);
        var noteFrames = Math.Min(output.Length, (int)(note.Duration * _sampleRate));
        var amplitude = 0.16f * (0.6f + 0.4f * note.Velocity);
        var attack = _sampleRate * 0.006f;
        var release = SynthMath.DecayPerSample(ReleaseSeconds, _sampleRate);
        // The release decays from the envelope's level on the last held sample.
        var endLevel = noteFrames == 0 ? 0f : Math.Min(1f, (noteFrames - 1) / attack);
        foreach (var (ratio, level) in Drawbars)
        {
            var fn = f * ratio;
            if (fn > 15000)
            {
                continue;
            }
            var increment = (double)fn / _sampleRate;
            var phase = _random.NextDouble();
            DampedSine.Add(output[..noteFrames], amplitude * level, increment, phase, 1);
            DampedSine.Add(output[noteFrames..], amplitude * level * endLevel * release, increment, phase + noteFrames * increment, release);
        }
        var ramp = Math.Min(noteFrames, (int)Math.Ceiling(attack));
        for (var i = 0; i < ramp; i++)
        {
            output[i] *= Math.Min(1f, i / attack);
        }
        var tremoloIncrement = 5.8f / _sampleRate;
        var tremolo = (float)_random.NextDouble();
        for (var i = 0; i < output.Length; i++)
        {
            output[i] *= 1f + 0.12f * SynthMath.SinUnit(tremolo);
            tremolo += tremoloIncrement;
            if (tremolo >= 1f)
            {
                tremolo -= 1f;
            }
        }
        var click = Math.Min(output.Length, _sampleRate / 400);
        for (var i = 0; i < click; i++)
        {
            output[i] += _random.NextNoise() * 0.05f * note.Velocity * (1 - (float)i / click);
        }
    }
}
