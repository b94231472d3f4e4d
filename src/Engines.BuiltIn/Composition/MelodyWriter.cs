using AudioMusic.Domain;

namespace AudioMusic.Engines.BuiltIn.Composition;

/// <summary>A melodic phrase to fill: its bars and one entry per syllable (true = stressed).</summary>
public sealed record Phrase(int StartBar, int Bars, IReadOnlyList<bool> Stresses, bool EndsOnTonic);

/// <summary>One melody note; <see cref="Index"/> is the syllable it carries.</summary>
public readonly record struct MelodyNote(double Start, double Duration, int Pitch, int Index, bool Stressed);

/// <summary>Writes melodies that follow the harmony and the phrase: rhythm from the syllable count (eighths,
/// sixteenths when crowded, longer notes on stressed and final syllables, a breath at the end), pitch chosen by
/// scoring scale tones for smooth motion, an arched contour and chord tones on strong beats. Phrases that close a
/// section end on the tonic. Rap phrases are sixteenth-note patter on the grid with a speech-like contour.</summary>
public sealed class MelodyWriter
{
    private readonly Groove _groove;
    private readonly KeyScale _key;
    private readonly IReadOnlyList<Chord> _chords;
    private readonly int _low;
    private readonly int _high;
    private readonly SeededRandom _random;
    private readonly int[] _scaleTones;
    private int? _previous;

    public MelodyWriter(Groove groove, KeyScale key, IReadOnlyList<Chord> chords, int low, int high, SeededRandom random)
    {
        _groove = groove;
        _key = key;
        _chords = chords;
        _low = low;
        _high = high;
        _random = random;
        var scale = key.ScalePitchClasses();
        _scaleTones = Enumerable.Range(low, high - low + 1).Where(p => scale.Contains(p % 12)).ToArray();
    }

    private SongTiming Timing => _groove.Timing;

    public List<MelodyNote> Sing(Phrase phrase)
    {
        var steps = Rhythm(phrase);
        var notes = new List<MelodyNote>(steps.Count);
        var lift = _random.Range(-1.5, 2.5);
        var centre = (_low + _high) / 2.0 + lift;
        var span = (_high - _low) * 0.35;
        for (var i = 0; i < steps.Count; i++)
        {
            var (position, length) = steps[i];
            var bar = phrase.StartBar + (int)(position / Timing.StepsPerBar);
            var stepInBar = position % Timing.StepsPerBar;
            var chord = _chords[Math.Min(bar, _chords.Count - 1)];
            var strong = Math.Abs(stepInBar % Timing.StepsPerPulse) < 1e-9;
            var last = i == steps.Count - 1;
            var target = centre + span * Math.Sin(Math.PI * (i + 0.5) / steps.Count) - span * 0.3;
            var pitch = ChoosePitch(chord, target, strong || i == 0, last ? (phrase.EndsOnTonic ? _key.Tonic : -1) : -2);
            _previous = pitch;
            var start = _groove.Time(bar, stepInBar);
            var end = _groove.Time(phrase.StartBar, position + length);
            var gap = last ? 0.05 : Math.Min(0.04, (end - start) * 0.12);
            notes.Add(new MelodyNote(start, Math.Max(0.06, end - start - gap), pitch, i, phrase.Stresses[i]));
        }
        return notes;
    }

    public List<MelodyNote> Rap(Phrase phrase, int centrePitch)
    {
        var room = phrase.Bars * Timing.StepsPerBar - 2;
        var count = phrase.Stresses.Count;
        var notes = new List<MelodyNote>(count);
        var squeeze = count > room ? (double)room / count : 1.0;
        var position = 0.0;
        var group = 0;
        var groupLength = _random.Next(4, 8);
        var spare = Math.Max(0, room - count);
        for (var i = 0; i < count; i++)
        {
            var length = squeeze;
            if (squeeze >= 1 && phrase.Stresses[i] && spare > 0 && _random.Chance(0.5))
            {
                length = 2;
                spare--;
            }
            var bar = phrase.StartBar + (int)(position / Timing.StepsPerBar);
            var start = _groove.Time(bar, position % Timing.StepsPerBar);
            var end = _groove.Time(phrase.StartBar, position + length);
            // Speech-like contour: stressed syllables up, a gentle fall over the line, a drop at its end.
            var pitch = centrePitch + (phrase.Stresses[i] ? 2 : 0) - (int)Math.Round(2.0 * i / Math.Max(1, count)) - (i == count - 1 ? 2 : 0);
            notes.Add(new MelodyNote(start, Math.Max(0.05, (end - start) * 0.9), pitch, i, phrase.Stresses[i]));
            position += length;
            if (++group >= groupLength && spare > 0 && squeeze >= 1)
            {
                position += 1;
                spare--;
                group = 0;
                groupLength = _random.Next(4, 8);
            }
        }
        return notes;
    }

    /// <summary>Start step and length in sixteenth steps of every syllable, relative to the phrase start.</summary>
    private List<(double Position, double Length)> Rhythm(Phrase phrase)
    {
        var count = phrase.Stresses.Count;
        var total = phrase.Bars * Timing.StepsPerBar;
        var unit = 2;
        var usable = total / unit - (phrase.Bars >= 2 ? 2 : 1);
        if (count > usable)
        {
            unit = 1;
            usable = total - 2;
        }
        var result = new List<(double, double)>(count);
        if (count > usable)
        {
            var each = (double)(total - 1) / count;
            for (var i = 0; i < count; i++)
            {
                result.Add((i * each, each));
            }
            return result;
        }
        var lengths = Enumerable.Repeat(1, count).ToArray();
        var extra = usable - count;
        var hold = Math.Min(extra, Math.Max(1, Timing.StepsPerBar / unit / 2));
        lengths[^1] += hold;
        extra -= hold;
        var order = Enumerable.Range(0, count - 1).OrderBy(_ => _random.NextUInt()).ToArray();
        foreach (var i in order.Where(i => phrase.Stresses[i]).Concat(order))
        {
            if (extra <= 0)
            {
                break;
            }
            if (lengths[i] < 3)
            {
                lengths[i]++;
                extra--;
            }
        }
        var offset = extra >= 1 && _random.Chance(0.35) ? 1 : 0;
        var position = offset * unit;
        for (var i = 0; i < count; i++)
        {
            result.Add((position, lengths[i] * unit));
            position += lengths[i] * unit;
        }
        return result;
    }

    /// <summary>Scores every scale tone in range. <paramref name="ending"/>: -2 not an ending, -1 end on a chord
    /// tone, otherwise the pitch class to end on.</summary>
    private int ChoosePitch(Chord chord, double target, bool strong, int ending)
    {
        var best = _scaleTones[0];
        var bestScore = double.MinValue;
        foreach (var p in _scaleTones)
        {
            var pc = p % 12;
            var chordTone = chord.PitchClasses.Contains(pc);
            if (ending >= 0 && pc != ending)
            {
                continue;
            }
            if (ending == -1 && !chordTone)
            {
                continue;
            }
            var score = -0.35 * Math.Abs(p - target) + _random.NextDouble() * 0.9;
            if (_previous is { } prev)
            {
                var leap = Math.Abs(p - prev);
                score -= 0.55 * leap + (leap > 7 ? 4 : 0) + (leap == 0 ? 0.6 : 0);
            }
            if (chordTone)
            {
                score += strong ? 2.5 : 0.8;
            }
            if (score > bestScore)
            {
                bestScore = score;
                best = p;
            }
        }
        return best;
    }
}
