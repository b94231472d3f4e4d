using AudioMusic.Engines.BuiltIn.Composition;

namespace AudioMusic.Engines.BuiltIn.Synthesis;

/// <summary>The character of a two-operator FM voice.</summary>
internal sealed record FmPatch(
    float Ratio,
    float PeakIndex,
    double IndexDecaySeconds,
    double AttackSeconds,
    double DecaySeconds,
    double ReleaseSeconds,
    float Level,
    bool IndexFollowsAmplitude,
    float TineRatio,
    float TineLevel,
    float Vibrato);

/// <summary>Two-operator FM (a modulator sine driving a carrier's phase): electric piano (1:1 with a fast
/// decaying 14:1 "tine"), brass (1:1 whose index follows the swelling amplitude, so the tone brightens as it
/// gets louder) and bells (inharmonic 3.5:1 with a long decay).</summary>
internal sealed class FmSynth : INoteSynth
{
    public static readonly FmPatch ElectricPiano = new(1f, 1.6f, 0.5, 0.002, 2.6, 0.25, 0.42f, false, 14f, 0.9f, 0f);
    public static readonly FmPatch Brass = new(1f, 3.4f, 0, 0.06, 0, 0.12, 0.3f, true, 0f, 0f, 0.004f);
    public static readonly FmPatch Bells = new(3.5f, 3.2f, 1.2, 0.001, 3.5, 1.2, 0.3f, false, 0f, 0f, 0f);

    private readonly int _sampleRate;
    private readonly FmPatch _patch;

    public FmSynth(int sampleRate, FmPatch patch)
    {
        _sampleRate = sampleRate;
        _patch = patch;
    }

    public double ReleaseSeconds => _patch.ReleaseSeconds;

    public void Render(in NoteEvent note, Span<float> output)
    {
        var p = _patch;
        var f = SynthMath.Frequency(note.Pitch);
        var carrierIncrement = f / _sampleRate;
        var modulatorIncrement = f * p.Ratio / _sampleRate;
        var tineIncrement = f * p.TineRatio / _sampleRate;
        var noteFrames = Math.Min(output.Length, (int)(note.Duration * _sampleRate));
        var velocity = note.Velocity;
        var attackStep = 1f / Math.Max(1f, (float)(p.AttackSeconds * _sampleRate));
        var decay = p.DecaySeconds > 0 ? SynthMath.DecayPerSample(p.DecaySeconds, _sampleRate) : 1f;
        var release = SynthMath.DecayPerSample(p.ReleaseSeconds, _sampleRate);
        var indexDecay = p.IndexDecaySeconds > 0 ? SynthMath.DecayPerSample(p.IndexDecaySeconds, _sampleRate) : 1f;
        var tineDecay = SynthMath.DecayPerSample(0.08, _sampleRate);
        var vibratoIncrement = 5.2f / _sampleRate;
        float carrier = 0, modulator = 0, tine = 0, vibrato = 0;
        var attack = 0f;
        var level = 1f;
        var index = p.PeakIndex * (0.4f + 0.6f * velocity);
        var tineLevel = p.TineLevel * velocity;
        var amplitude = p.Level * (0.25f + 0.75f * velocity);
        // The patch's fields in locals: the JIT cannot tell that they stay put while output is written.
        var (followsAmplitude, vibratoDepth, vibratoStart) = (p.IndexFollowsAmplitude, p.Vibrato, _sampleRate / 5);
        for (var i = 0; i < output.Length; i++)
        {
            attack = Math.Min(1f, attack + attackStep);
            level *= i < noteFrames ? decay : release;
            var envelope = attack * level;
            var currentIndex = followsAmplitude ? index * envelope : index;
            var modulation = SynthMath.SinUnit(modulator) * currentIndex;
            if (tineLevel > 1e-4f)
            {
                modulation += SynthMath.SinUnit(tine) * tineLevel;
                tineLevel *= tineDecay;
            }
            output[i] += amplitude * envelope * SynthMath.Sin(carrier + modulation * 0.15915494f);
            var bend = vibratoDepth > 0 && i > vibratoStart ? 1f + vibratoDepth * SynthMath.SinUnit(vibrato) : 1f;
            carrier += carrierIncrement * bend;
            modulator += modulatorIncrement * bend;
            tine += tineIncrement;
            vibrato += vibratoIncrement;
            if (carrier >= 1f) carrier -= 1f;
            if (modulator >= 1f) modulator -= 1f;
            if (tine >= 1f) tine -= 1f;
            if (vibrato >= 1f) vibrato -= 1f;
            index *= indexDecay;
        }
    }
}
