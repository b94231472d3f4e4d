using AudioMusic.Engines.BuiltIn.Composition;
using AudioMusic.Engines.BuiltIn.Mixing;
using AudioMusic.Engines.BuiltIn.Synthesis;

namespace AudioMusic.Engines.BuiltIn.Rendering;

/// <summary>Synthesises an arrangement into the mix bus, note by note: each note is rendered only while it
/// sounds (duration plus release) into a reused scratch buffer and added with its part's level, pan and reverb
/// send. For loops, sound past the end wraps to the start so the loop repeats seamlessly.</summary>
internal sealed class AccompanimentRenderer
{
    private readonly int _sampleRate;
    private float[] _scratch = new float[48_000];

    public AccompanimentRenderer(int sampleRate)
    {
        _sampleRate = sampleRate;
    }

    /// <param name="stems">When not null, every note and hit is also added to the bus of its stem.</param>
    public void Render(Arrangement arrangement, MixBus bus, StemBuses? stems, int tonicPitchClass, SeededRandom random, bool loop,
        CancellationToken cancellationToken, Action<double> progress)
    {
        var totalNotes = arrangement.Parts.Sum(p => p.Notes.Count) + arrangement.Drums.Count;
        var done = 0;
        ulong stream = 100;
        foreach (var part in arrangement.Parts)
        {
            var synth = InstrumentFactory.Create(part.Instrument, _sampleRate, random.Fork(stream++));
            foreach (var note in part.Notes)
            {
                if ((done++ & 15) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress((double)done / totalNotes);
                }
                var start = StartFrame(note.Start, bus.Frames, loop);
                var length = (int)((note.Duration + synth.ReleaseSeconds) * _sampleRate);
                if (!loop)
                {
                    length = Math.Min(length, bus.Frames - start);
                }
                if (length <= 0)
                {
                    continue;
                }
                var span = Scratch(length);
                synth.Render(note, span);
                var pan = Math.Clamp(part.Pan + note.Pan, -1f, 1f);
                bus.Add(span, start, part.Gain, pan, part.ReverbSend, loop);
                stems?.ForPart(part.Role).Add(span, start, part.Gain, pan, part.ReverbSend, loop);
            }
        }
        var kit = new DrumKit(_sampleRate, random.Fork(stream), tonicPitchClass);
        foreach (var hit in arrangement.Drums)
        {
            if ((done++ & 63) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress((double)done / totalNotes);
            }
            var sample = kit.Sample(hit.Sound);
            var gain = MathF.Pow(hit.Velocity, 1.3f) * DrumLevel(hit.Sound);
            var start = StartFrame(hit.Start, bus.Frames, loop);
            bus.Add(sample, start, gain, DrumKit.Pan(hit.Sound), DrumKit.Send(hit.Sound), loop);
            stems?[StemBuses.Drums].Add(sample, start, gain, DrumKit.Pan(hit.Sound), DrumKit.Send(hit.Sound), loop);
        }
        progress(1);
    }

    private int StartFrame(double seconds, int frames, bool loop)
    {
        var start = (int)Math.Round(seconds * _sampleRate);
        return loop ? ((start % frames) + frames) % frames : Math.Clamp(start, 0, frames);
    }

    private Span<float> Scratch(int length)
    {
        if (_scratch.Length < length)
        {
            _scratch = new float[Math.Max(length, _scratch.Length * 2)];
        }
        var span = _scratch.AsSpan(0, length);
        span.Clear();
        return span;
    }

    /// <summary>Kick and snare are balanced so that the beats with a kick and the beats with a snare carry about the
    /// same onset strength across the spectrum: when one set is much stronger, the beat is heard at half speed.</summary>
    private static float DrumLevel(DrumSound sound) => sound switch
    {
        DrumSound.Kick => 0.7f,
        DrumSound.Snare => 0.9f,
        DrumSound.Clap => 0.3f,
        DrumSound.Rim => 0.5f,
        DrumSound.ClosedHat => 0.32f,
        DrumSound.OpenHat => 0.28f,
        DrumSound.Ride => 0.3f,
        DrumSound.Crash => 0.32f,
        DrumSound.LowTom or DrumSound.HighTom => 0.55f,
        DrumSound.Shaker => 0.3f,
        DrumSound.Timpani => 0.7f,
        _ => 0.5f,
    };
}
