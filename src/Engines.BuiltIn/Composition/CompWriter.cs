using AudioMusic.Engines.BuiltIn.Caption;

namespace AudioMusic.Engines.BuiltIn.Composition;

/// <summary>The harmony part: the voice-led chord played in the style's pattern (block chords on the pulse,
/// guitar strums with a string-by-string spread, arpeggios, reggae off-beat chops, syncopated stabs, palm-muted
/// power-chord chugs). The downbeat is always played, and played hardest.</summary>
public sealed class CompWriter
{
    private readonly Groove _groove;
    private readonly CompStyle _style;
    private readonly InstrumentKind _instrument;
    private readonly SeededRandom _random;
    private readonly Voicer _voicer;
    private int _arpeggioIndex;

    public CompWriter(Groove groove, CompStyle style, InstrumentKind instrument, SeededRandom random)
    {
        _groove = groove;
        _style = style;
        _instrument = instrument;
        _random = random;
        _voicer = instrument switch
        {
            InstrumentKind.AcousticGuitar or InstrumentKind.ElectricGuitar => new Voicer(48, 71, 5),
            InstrumentKind.DistortedGuitar => new Voicer(40, 64, 3),
            InstrumentKind.SynthPluck or InstrumentKind.Bells => new Voicer(60, 84, 4),
            InstrumentKind.ElectricPiano => new Voicer(53, 74, 4),
            _ => new Voicer(55, 76, 4),
        };
    }

    private SongTiming Timing => _groove.Timing;

    public void Write(List<NoteEvent> notes, int bar, Chord chord, float level, bool isLast)
    {
        var voicing = _style == CompStyle.PowerChug ? PowerChord(chord) : _voicer.Voice(chord);
        var steps = Timing.StepsPerBar;
        var pulse = Timing.StepsPerPulse;
        if (isLast)
        {
            Chord(notes, bar, 0, steps * 1.5, voicing, level, spread: 0.012);
            return;
        }
        switch (_style)
        {
            case CompStyle.Block:
                for (var p = 0; p * pulse < steps; p++)
                {
                    Chord(notes, bar, p * pulse, pulse * 0.85, voicing, p == 0 ? level : level * 0.68f, 0.004);
                }
                break;
            case CompStyle.Sustain:
                Chord(notes, bar, 0, steps * 0.98, voicing, level, 0.006);
                break;
            case CompStyle.Strum:
                Strum(notes, bar, voicing, level);
                break;
            case CompStyle.Arpeggio:
                Arpeggiate(notes, bar, voicing, level);
                break;
            case CompStyle.Offbeat:
                // The skank chops the backbeat pulses; the downbeat belongs to the bass.
                for (var s = pulse; s < steps; s += 2 * pulse)
                {
                    Chord(notes, bar, s, 1.5, voicing, level * 0.8f, 0.003);
                }
                break;
            case CompStyle.Stab:
                Chord(notes, bar, 0, 3, voicing, level, 0.005);
                Chord(notes, bar, 6, 2, voicing, level * 0.7f, 0.005);
                if (steps >= 12)
                {
                    Chord(notes, bar, steps - 6, 3, voicing, level * 0.75f, 0.005);
                }
                break;
            case CompStyle.PowerChug:
                for (var s = 0; s < steps; s += 2)
                {
                    Chord(notes, bar, s, s == 0 ? 1.8 : 1.1, voicing, s == 0 ? level : level * 0.62f, 0.002);
                }
                break;
        }
    }

    private static int[] PowerChord(Chord chord)
    {
        var root = Voicer.Place(chord.RootPitchClass, 40);
        return [root, root + 7, root + 12];
    }

    private void Strum(List<NoteEvent> notes, int bar, int[] voicing, float level)
    {
        // Down-strums on every pulse, the first hardest; in 6/8 the up-strums fill the compound beat's eighths.
        // (Each strum is a broadband attack, so even off-beat up-strums in simple meters would blur the beat.)
        (double Step, bool Down, float Accent)[] strokes = Timing.StepsPerPulse == 6
            ? [(0, true, 1f), (2, false, 0.5f), (4, false, 0.55f), (6, true, 0.8f), (8, false, 0.5f), (10, false, 0.55f)]
            : Enumerable.Range(0, Timing.StepsPerBar / 4).Select(b => ((double)b * 4, b % 2 == 0, b == 0 ? 1f : 0.72f)).ToArray();
        for (var i = 0; i < strokes.Length; i++)
        {
            var (step, down, accent) = strokes[i];
            var nextStep = i + 1 < strokes.Length ? strokes[i + 1].Step : Timing.StepsPerBar;
            var order = down ? voicing : voicing.Reverse().ToArray();
            Chord(notes, bar, step, nextStep - step + 0.5, order, level * accent, 0.011);
        }
    }

    private void Arpeggiate(List<NoteEvent> notes, int bar, int[] voicing, float level)
    {
        // A plucked string's attack is a broadband noise burst; eighth-note picking would read as the beat itself,
        // so guitars pick quarter notes (dotted-quarter pulses keep their eighths in 6/8).
        var guitar = _instrument is InstrumentKind.AcousticGuitar or InstrumentKind.ElectricGuitar;
        var unit = _instrument == InstrumentKind.SynthPluck && Timing.Bpm < 135 ? 1
            : guitar && Timing.StepsPerPulse == 4 ? 4
            : 2;
        var sequence = voicing.Concat(voicing.Skip(1).Take(Math.Max(0, voicing.Length - 2)).Reverse()).ToArray();
        for (var s = 0; s < Timing.StepsPerBar; s += unit)
        {
            var pitch = s == 0 ? voicing[0] : sequence[_arpeggioIndex++ % sequence.Length];
            var velocity = s == 0 ? level : s % Timing.StepsPerPulse == 0 ? level * 0.8f : level * 0.62f;
            Note(notes, bar, s, unit * 2.5, pitch, velocity, 0, 0);
        }
        _arpeggioIndex %= Math.Max(1, sequence.Length);
    }

    private void Chord(List<NoteEvent> notes, int bar, double step, double length, int[] pitches, float velocity, double spread)
    {
        var jitter = step == 0 ? 0 : Groove.Jitter(_random, 0.004);
        for (var i = 0; i < pitches.Length; i++)
        {
            var pan = (i - (pitches.Length - 1) / 2f) * 0.12f;
            Note(notes, bar, step, length, pitches[i], velocity * (i == 0 ? 1f : 0.85f), jitter + i * spread, pan);
        }
    }

    private void Note(List<NoteEvent> notes, int bar, double step, double length, int pitch, float velocity, double offset, float pan)
    {
        var start = _groove.Time(bar, step);
        var end = _groove.Time(bar, step + length);
        notes.Add(new NoteEvent(start + offset, end - start, pitch, Groove.Humanise(_random, velocity, 0.06), pan));
    }
}
