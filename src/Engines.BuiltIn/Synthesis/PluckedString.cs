using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AudioMusic.Engines.BuiltIn.Composition;

namespace AudioMusic.Engines.BuiltIn.Synthesis;

/// <summary>How a Karplus–Strong string sounds.</summary>
/// <summary><paramref name="BrightHarmonics"/>: how many harmonics the pluck excites at full velocity (the
/// excitation noise is low-passed there), which sets both the brightness and how sharp the attack is.</summary>
internal sealed record StringPatch(double SustainSeconds, float BrightHarmonics, float Drive, float Level, double ReleaseSeconds, float BodyLowPass);

/// <summary>Karplus–Strong plucked string: a delay line one period long, excited by a burst of (velocity-filtered)
/// noise and fed back through a two-point average scaled for the wanted decay. Fractional periods are read with
/// linear interpolation so the string is in tune; at note-off the loop gain drops (the finger damps the string).
/// Distortion (tanh drive plus a cabinet low-pass) turns the same string into an electric rock guitar.</summary>
internal sealed class PluckedString : INoteSynth
{
    public static readonly StringPatch Acoustic = new(3.0, 30f, 0f, 0.5f, 0.08, 0f);
    public static readonly StringPatch Electric = new(4.0, 22f, 1.6f, 0.4f, 0.08, 5000f);
    public static readonly StringPatch Distorted = new(5.0, 30f, 7f, 0.2f, 0.06, 3200f);
    public static readonly StringPatch BassGuitar = new(3.5, 10f, 0f, 0.85f, 0.05, 900f);
    public static readonly StringPatch UprightBass = new(1.6, 8f, 0f, 0.95f, 0.07, 1200f);

    private readonly int _sampleRate;
    private readonly StringPatch _patch;
    private readonly SeededRandom _random;
    private readonly float[] _line;
    private readonly float[] _excitation;

    public PluckedString(int sampleRate, StringPatch patch, SeededRandom random)
    {
        _sampleRate = sampleRate;
        _patch = patch;
        _random = random;
        _line = new float[sampleRate / 20 + 4];
        _excitation = new float[_line.Length];
    }

    public double ReleaseSeconds => _patch.ReleaseSeconds;

    public void Render(in NoteEvent note, Span<float> output)
    {
        var f = SynthMath.Frequency(note.Pitch);
        var period = Math.Clamp(_sampleRate / (double)f - 0.5, 2.0, _line.Length - 2);
        var length = (int)Math.Ceiling(period);
        var fraction = (float)(Math.Ceiling(period) - period);
        var velocity = note.Velocity;
        // Excite: noise low-passed at a number of harmonics that grows with velocity (soft plucks are darker).
        var cutoff = f * _patch.BrightHarmonics * (0.4f + 0.6f * velocity);
        var smoothing = Math.Clamp(1f - MathF.Exp(-2f * MathF.PI * cutoff / _sampleRate), 0.005f, 1f);
        var state = 0f;
        for (var i = 0; i < length; i++)
        {
            state += smoothing * (_random.NextNoise() - state);
            _line[i] = state;
        }
        var mean = 0f;
        for (var i = 0; i < length; i++)
        {
            mean += _line[i];
        }
        mean /= length;
        for (var i = 0; i < length; i++)
        {
            _excitation[i] = _line[i] - mean;
        }
        // Plucking a third of the way along the string cancels every third harmonic (a comb over one period);
        // besides the hollow, woody tone this keeps the overtone of the fifth from colouring the harmony.
        var third = Math.Max(1, (int)Math.Round(length / 3.0));
        for (var i = 0; i < length; i++)
        {
            _line[i] = _excitation[i] - _excitation[(i + length - third) % length];
        }
        var loopsPerSecond = f;
        var sustainGain = (float)Math.Pow(0.001, 1.0 / (_patch.SustainSeconds * (1 + 110 / f) / 2 * loopsPerSecond));
        var dampedGain = (float)Math.Pow(0.001, 1.0 / (_patch.ReleaseSeconds * loopsPerSecond));
        var noteFrames = Math.Min(output.Length, (int)(note.Duration * _sampleRate));
        var amplitude = _patch.Level * (0.3f + 0.7f * velocity) * 1.6f;
        var drive = _patch.Drive;
        var driveMakeUp = drive > 0 ? 1f / MathF.Sqrt(drive) : 1f;
        var cabinet = new StateVariableFilter();
        if (_patch.BodyLowPass > 0)
        {
            cabinet.SetCutoff(_patch.BodyLowPass, 0.1f, _sampleRate);
        }
        // The line is run in stretches over which neither the wrap of the read/write position nor note-off falls,
        // so the per-sample loop has no index wrap, no gain choice and no bounds checks. The read one past the
        // write position wraps to the start: a copy of _line[0] kept at _line[length] lets it run straight on.
        // _line holds at least length + 2 samples (period is clamped to its length − 2).
        var write = 0;
        var previous = 0f;
        var done = 0;
        while (done < output.Length)
        {
            var end = done < noteFrames ? noteFrames : output.Length;
            // A stretch starting at 0 is one sample long, so that the copy of _line[0] is refreshed before it is read.
            var n = write == 0 ? 1 : Math.Min(end - done, length - write);
            var loopGain = (done < noteFrames ? sustainGain : dampedGain) * 0.5f;
            ref var line = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_line), write);
            ref var o = ref MemoryMarshal.GetReference(output.Slice(done, n));
            for (nint k = 0; k < n; k++)
            {
                var a = Unsafe.Add(ref line, k);
                var delayed = a + (Unsafe.Add(ref line, k + 1) - a) * fraction;
                Unsafe.Add(ref line, k) = loopGain * (delayed + previous);
                previous = delayed;
                var y = delayed * amplitude;
                if (drive > 0)
                {
                    y = SynthMath.SoftClip(y * drive) * driveMakeUp;
                }
                Unsafe.Add(ref o, k) += y;
            }
            if (write == 0)
            {
                _line[length] = _line[0];
            }
            write = write + n == length ? 0 : write + n;
            done += n;
        }
        if (_patch.BodyLowPass > 0)
        {
            // The output held only this note (it starts zeroed), so the cabinet can filter it whole.
            cabinet.LowPass(output);
        }
    }
}
