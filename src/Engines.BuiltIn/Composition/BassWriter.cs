namespace AudioMusic.Engines.BuiltIn.Composition;

/// <summary>The bass line: the chord root on every downbeat (the strongest note of the bar, which helps the ear
/// — and a key finder — hear the harmony), then the style's figure: fifths, walking lines with a chromatic
/// approach into the next root, off-beat pumping, syncopation or sustained roots.</summary>
public sealed class BassWriter
{
    private const int Low = 33;

    private readonly Groove _groove;
    private readonly BassStyle _style;
    private readonly SeededRandom _random;

    public BassWriter(Groove groove, BassStyle style, SeededRandom random)
    {
        _groove = groove;
        _style = style;
        _random = random;
    }

    private SongTiming Timing => _groove.Timing;

    public void Write(List<NoteEvent> notes, int bar, Chord chord, Chord next, float level, bool isLast)
    {
        var root = Voicer.Place(chord.RootPitchClass, Low);
        var fifth = Voicer.Place(chord.FifthPitchClass, root);
        var steps = Timing.StepsPerBar;
        if (isLast)
        {
            Add(notes, bar, 0, steps * 1.5, root, level);
            return;
        }
        var pulse = Timing.StepsPerPulse;
        switch (_style)
        {
            case BassStyle.Root:
                Add(notes, bar, 0, steps * 0.5, root, level);
                if (steps >= 12)
                {
                    Add(notes, bar, steps / 2, steps * 0.45, root, level * 0.7f);
                }
                break;
            case BassStyle.Sustained:
                Add(notes, bar, 0, steps * 0.97, root, level);
                break;
            case BassStyle.Walking:
                Walk(notes, bar, chord, next, root, level);
                break;
            case BassStyle.Offbeat:
                Add(notes, bar, 0, 1.5, root, level);
                for (var s = 2; s < steps; s += 4)
                {
                    Add(notes, bar, s, 1.6, s % 8 == 6 ? root + 12 : root, level * 0.72f);
                }
                break;
            case BassStyle.Eighths:
                for (var s = 0; s < steps; s += 2)
                {
                    Add(notes, bar, s, 1.7, root, s == 0 ? level : level * 0.68f);
                }
                break;
            case BassStyle.TwoBeat when steps == 16:
                // Half notes, root then fifth: with no bass onset on 2 and 4, and the root louder than the fifth, the
                // low end marks the bar's one, which is what makes a quiet acoustic groove sound in four.
                Add(notes, bar, 0, 2 * pulse * 0.92, root, level);
                Add(notes, bar, 2 * pulse, 2 * pulse * 0.92, fifth, level * 0.72f);
                break;
            case BassStyle.Syncopated when steps == 16:
                Add(notes, bar, 0, 5, root, level);
                Add(notes, bar, 6, 2, root, level * 0.75f);
                Add(notes, bar, 10, 3, fifth, level * 0.75f);
                Add(notes, bar, 14, 1.6, Approach(next, root), level * 0.65f);
                break;
            default:
                // Root, octave, fifth, octave: the fifth only once a bar, so the root stays the bar's main pitch.
                for (var p = 0; p * pulse < steps; p++)
                {
                    var octave = root + 12 > 52 ? root : root + 12;
                    var pitch = p == 0 ? root : p == 2 || (p == 1 && steps / pulse == 2) ? fifth : octave;
                    Add(notes, bar, p * pulse, pulse * 0.9, pitch, p == 0 ? level : level * 0.72f);
                }
                break;
        }
    }

    private void Walk(List<NoteEvent> notes, int bar, Chord chord, Chord next, int root, float level)
    {
        var beats = Timing.StepsPerBar / Timing.StepsPerPulse;
        var pulse = Timing.StepsPerPulse;
        var pitch = root;
        for (var b = 0; b < beats; b++)
        {
            if (b == beats - 1 && beats > 1)
            {
                pitch = Approach(next, pitch);
            }
            else if (b > 0)
            {
                var tones = chord.PitchClasses.Select(pc => Voicer.Place(pc, root)).ToArray();
                pitch = tones[Math.Min(b, tones.Length - 1)];
            }
            Add(notes, bar, b * pulse, pulse * 0.92, pitch, b == 0 ? level : level * 0.75f);
        }
    }

    /// <summary>A semitone below or above the next root, whichever is nearer the current note.</summary>
    private static int Approach(Chord next, int from)
    {
        var target = Voicer.Place(next.RootPitchClass, Low);
        return Math.Abs(target - 1 - from) <= Math.Abs(target + 1 - from) ? target - 1 : target + 1;
    }

    private void Add(List<NoteEvent> notes, int bar, double step, double length, int pitch, float velocity)
    {
        var start = _groove.Time(bar, step);
        var end = _groove.Time(bar, step + length);
        var jitter = step == 0 ? 0 : Groove.Jitter(_random, 0.003);
        notes.Add(new NoteEvent(start + jitter, end - start, pitch, Groove.Humanise(_random, velocity, 0.05), 0f));
    }
}
