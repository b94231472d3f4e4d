using AudioMusic.Engines.BuiltIn.Composition;

namespace AudioMusic.Engines.BuiltIn.Synthesis;

/// <summary>The settings of a subtractive voice.</summary>
internal sealed record SubtractivePatch(
    double AttackSeconds,
    double DecaySeconds,
    float SustainLevel,
    double ReleaseSeconds,
    float DetuneCents,
    float SquareMix,
    float SubMix,
    float Cutoff,
    float CutoffKeyTracking,
    float FilterEnvelope,
    double FilterDecaySeconds,
    float Resonance,
    float VibratoDepth,
    float Level,
    float NoiseMix);

/// <summary>Subtractive synthesis: two detuned band-limited (PolyBLEP) sawtooths, optional square and sub-octave
/// sine, through a resonant state-variable low-pass whose cutoff follows the key, the velocity and its own decay
/// envelope, shaped by an ADSR. Strings (slow bow attack, vibrato), pads, leads, basses and plucks are patches.</summary>
internal sealed class SubtractiveSynth : INoteSynth
{
    public static readonly SubtractivePatch Strings = new(0.14, 0.4, 0.85f, 0.35, 9f, 0f, 0f, 1400f, 0.6f, 1400f, 0.6, 0.1f, 0.005f, 0.2f, 0.015f);
    public static readonly SubtractivePatch Pad = new(0.45, 1.0, 0.8f, 0.8, 12f, 0f, 0f, 550f, 0.2f, 500f, 1.5, 0.15f, 0f, 0.2f, 0f);
    public static readonly SubtractivePatch Lead = new(0.006, 0.3, 0.75f, 0.12, 6f, 0.45f, 0f, 1800f, 0.5f, 3000f, 0.25, 0.3f, 0.006f, 0.2f, 0f);
    public static readonly SubtractivePatch Bass = new(0.003, 0.25, 0.7f, 0.05, 3f, 0f, 0.7f, 260f, 0.8f, 900f, 0.12, 0.25f, 0f, 0.38f, 0f);
    public static readonly SubtractivePatch Pluck = new(0.002, 0.28, 0f, 0.15, 8f, 0.2f, 0f, 700f, 0.5f, 4200f, 0.12, 0.25f, 0f, 0.28f, 0f);

    private const int ControlBlock = 32;

    private readonly int _sampleRate;
    private readonly SubtractivePatch _patch;
    private readonly SeededRandom _random;

    public SubtractiveSynth(int sampleRate, SubtractivePatch patch, SeededRandom random)
    {
        _sampleRate = sampleRate;
        _patch = patch;
        _random = random;
    }

    public double ReleaseSeconds => _patch.ReleaseSeconds;

    public void Render(in NoteEvent note, Span<float> output)
    {
        var p = _patch;
        var f = SynthMath.Frequency(note.Pitch);
        var detune = (float)Math.Pow(2, p.DetuneCents / 1200);
        var dt1 = f * detune / _sampleRate;
        var dt2 = f / detune / _sampleRate;
        var dtSub = f * 0.5f / _sampleRate;
        var velocity = note.Velocity;
        var noteFrames = Math.Min(output.Length, (int)(note.Duration * _sampleRate));
        var attackStep = 1f / Math.Max(1f, (float)(p.AttackSeconds * _sampleRate));
        var decay = SynthMath.DecayPerSample(p.DecaySeconds, _sampleRate);
        var release = SynthMath.DecayPerSample(p.ReleaseSeconds, _sampleRate);
        var filterDecay = (float)Math.Pow(SynthMath.DecayPerSample(p.FilterDecaySeconds, _sampleRate), ControlBlock);
        var vibratoIncrement = 5.5f * ControlBlock / _sampleRate;
        var baseCutoff = p.Cutoff + p.CutoffKeyTracking * f;
        var filterAmount = p.FilterEnvelope * (0.3f + 0.7f * velocity);
        var amplitude = p.Level * (0.35f + 0.65f * velocity);
        var filter = new StateVariableFilter();
        float phase1 = (float)_random.NextDouble(), phase2 = (float)_random.NextDouble(), phaseSub = 0f, vibrato = 0f;
        var filterEnv = 1f;
        var attack = 0f;
        var level = 1f; // decays from 1 to the sustain level
        var released = 1f;
        var bend = 1f;
        var (squareMix, noiseMix, subMix, sustainLevel) = (p.SquareMix, p.NoiseMix, p.SubMix, p.SustainLevel);
        // Each control block runs oscillators, filter and amplifier as three tight loops over a block buffer.
        Span<float> block = stackalloc float[ControlBlock];
        for (var start = 0; start < output.Length; start += ControlBlock)
        {
            filter.SetCutoff(baseCutoff + filterAmount * filterEnv, p.Resonance, _sampleRate);
            filterEnv *= filterDecay;
            if (p.VibratoDepth > 0 && start > _sampleRate / 4)
            {
                bend = 1f + p.VibratoDepth * SynthMath.SinUnit(vibrato);
                vibrato += vibratoIncrement;
                if (vibrato >= 1f)
                {
                    vibrato -= 1f;
                }
            }
            var i1 = dt1 * bend;
            var i2 = dt2 * bend;
            var x = block[..Math.Min(ControlBlock, output.Length - start)];
            for (var i = 0; i < x.Length; i++)
            {
                var blep1 = SynthMath.PolyBlep(phase1, i1);
                var saw = 2f * phase1 - 1f - blep1 + 2f * phase2 - 1f - SynthMath.PolyBlep(phase2, i2);
                var sample = saw * 0.5f;
                if (squareMix > 0)
                {
                    var square = (phase1 < 0.5f ? 1f : -1f) + blep1 - SynthMath.PolyBlep(phase1 >= 0.5f ? phase1 - 0.5f : phase1 + 0.5f, i1);
                    sample += squareMix * square;
                }
                if (noiseMix > 0)
                {
                    sample += noiseMix * _random.NextNoise();
                }
                x[i] = sample;
                phase1 += i1;
                phase2 += i2;
                if (phase1 >= 1f)
                {
                    phase1 -= 1f;
                }
                if (phase2 >= 1f)
                {
                    phase2 -= 1f;
                }
            }
            filter.LowPass(x);
            var o = output.Slice(start, x.Length);
            for (var i = 0; i < x.Length; i++)
            {
                var y = x[i];
                if (subMix > 0)
                {
                    y += subMix * SynthMath.SinUnit(phaseSub);
                    phaseSub += dtSub;
                    if (phaseSub >= 1f)
                    {
                        phaseSub -= 1f;
                    }
                }
                attack = Math.Min(1f, attack + attackStep);
                level = sustainLevel + (level - sustainLevel) * decay;
                if (start + i >= noteFrames)
                {
                    released *= release;
                }
                o[i] += amplitude * attack * level * released * y;
            }
        }
    }
}
