using System.Runtime.Intrinsics;

namespace AudioMusic.Engines.BuiltIn.Synthesis;

/// <summary>An amplitude envelope: a linear attack, an exponential decay towards the sustain level, and after
/// note-off an exponential release, multiplied onto a signal as it is added to an output.</summary>
/// <remarks>Each sample's level is computed from the run's start rather than from the sample before (the attack as
/// frame · step, the decays as the start level times a power from a table), so eight samples are computed at once
/// and none waits for its neighbour. The width is fixed at eight lanes, so every machine rounds alike.</remarks>
internal sealed class AmpEnvelope
{
    private const int Width = 8;

    private static readonly Vector256<float> Lanes = Vector256.Create(1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f);

    private readonly float _amplitude;
    private readonly float _attackStep;
    private readonly float _sustain;
    private readonly float[] _decayPowers;
    private readonly float[] _releasePowers;
    private int _frame;
    private float _excess;
    private float _released = 1f;

    /// <param name="decay">Per-sample multiplier of the level above the sustain level.</param>
    /// <param name="release">Per-sample multiplier after note-off.</param>
    public AmpEnvelope(float amplitude, float attackStep, float decay, float sustain, float release)
    {
        _amplitude = amplitude;
        _attackStep = attackStep;
        _sustain = sustain;
        _excess = 1f - sustain;
        _decayPowers = Powers(decay);
        _releasePowers = Powers(release);
    }

    /// <summary>Adds envelope · <paramref name="signal"/> to <paramref name="output"/> for the next samples of the
    /// note, <paramref name="releasing"/> once the note is off.</summary>
    public void AddTo(ReadOnlySpan<float> signal, Span<float> output, bool releasing)
    {
        var decayPowers = Vector256.Create<float>(_decayPowers);
        var releasePowers = releasing ? Vector256.Create<float>(_releasePowers) : Vector256<float>.One;
        var i = 0;
        for (; i <= signal.Length - Width; i += Width)
        {
            var level = Gain(Vector256.Create((float)(_frame + i)) + Lanes, _excess * decayPowers, _released * releasePowers);
            (Vector256.Create(output[i..]) + level * Vector256.Create(signal[i..])).CopyTo(output[i..]);
            _excess *= _decayPowers[Width - 1];
            _released *= releasing ? _releasePowers[Width - 1] : 1f;
        }
        var rest = signal.Length - i;
        for (var lane = 0; lane < rest; lane++)
        {
            // The same operations as a vector lane, one sample at a time.
            var level = Gain(Vector256.Create((float)(_frame + i + lane + 1)), Vector256.Create(_excess * _decayPowers[lane]),
                Vector256.Create(releasing ? _released * _releasePowers[lane] : _released));
            output[i + lane] += level.ToScalar() * signal[i + lane];
        }
        if (rest > 0)
        {
            _excess *= _decayPowers[rest - 1];
            _released *= releasing ? _releasePowers[rest - 1] : 1f;
        }
        _frame += signal.Length;
    }

    private Vector256<float> Gain(Vector256<float> frame, Vector256<float> excess, Vector256<float> released)
    {
        var attack = Vector256.Min(Vector256<float>.One, frame * _attackStep);
        return _amplitude * attack * (Vector256.Create(_sustain) + excess) * released;
    }

    /// <summary>multiplier¹ … multiplier⁸, each the one before times the multiplier.</summary>
    private static float[] Powers(float multiplier)
    {
        var powers = new float[Width];
        var power = 1f;
        for (var k = 0; k < Width; k++)
        {
            power *= multiplier;
            powers[k] = power;
        }
        return powers;
    }
}
