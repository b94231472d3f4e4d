using System.Numerics;
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

    /// <summary>0, 1, 2, … across a vector: each lane's sample offset.</summary>
    private static readonly Vector<float> Lanes = new(Enumerable.Range(0, Vector<float>.Count).Select(i => (float)i).ToArray());

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
        var envelope = new AmpEnvelope(amplitude, attackStep, decay, p.SustainLevel, release);
        var bend = 1f;
        var (squareMix, noiseMix, subMix) = (p.SquareMix, p.NoiseMix, p.SubMix);
        // Each control block runs oscillators, filter and amplifier as three tight loops over a block buffer.
        var block = new float[ControlBlock];
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
            Oscillators(block, phase1, phase2, i1, i2, squareMix);
            var x = block.AsSpan(0, Math.Min(ControlBlock, output.Length - start));
            phase1 = Wrap(phase1 + x.Length * i1);
            phase2 = Wrap(phase2 + x.Length * i2);
            if (noiseMix > 0)
            {
                for (var i = 0; i < x.Length; i++)
                {
                    x[i] += noiseMix * _random.NextNoise();
                }
            }
            filter.LowPass(x);
            if (subMix > 0)
            {
                for (var i = 0; i < x.Length; i++)
                {
                    x[i] += subMix * SynthMath.SinUnit(phaseSub);
                    phaseSub += dtSub;
                    if (phaseSub >= 1f)
                    {
                        phaseSub -= 1f;
                    }
                }
            }
            // The amplifier in two runs, before and after note-off.
            var o = output.Slice(start, x.Length);
            var held = Math.Clamp(noteFrames - start, 0, x.Length);
            envelope.AddTo(x[..held], o[..held], releasing: false);
            envelope.AddTo(x[held..], o[held..], releasing: true);
        }
    }

    private static float Wrap(float phase) => phase - MathF.Floor(phase);

    /// <summary>Writes one control block of the oscillators (two band-limited saws, optionally a square), a vector
    /// of samples at a time: each sample's phase is the block's start phase plus its offset times the increment.</summary>
    private static void Oscillators(float[] block, float phase1, float phase2, float increment1, float increment2, float squareMix)
    {
        var width = Vector<float>.Count;
        var i1 = new Vector<float>(increment1);
        var i2 = new Vector<float>(increment2);
        var half = new Vector<float>(0.5f);
        for (var k = 0; k < block.Length; k += width)
        {
            var offset = Lanes + new Vector<float>(k);
            var p1 = WrapVector(new Vector<float>(phase1) + offset * i1);
            var p2 = WrapVector(new Vector<float>(phase2) + offset * i2);
            var blep1 = SynthMath.PolyBlep(p1, i1);
            var sample = (p1 + p1 - Vector<float>.One - blep1 + p2 + p2 - Vector<float>.One - SynthMath.PolyBlep(p2, i2)) * half;
            if (squareMix > 0)
            {
                var sign = Vector.ConditionalSelect(Vector.LessThan(p1, half), Vector<float>.One, -Vector<float>.One);
                var shifted = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(p1, half), p1 - half, p1 + half);
                sample += new Vector<float>(squareMix) * (sign + blep1 - SynthMath.PolyBlep(shifted, i1));
            }
            sample.CopyTo(block, k);
        }
    }

    private static Vector<float> WrapVector(Vector<float> phase) => phase - Vector.Floor(phase);
}
