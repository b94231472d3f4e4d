namespace AudioMusic.Engines.BuiltIn.Composition;

/// <summary>Voice leading: each chord is voiced in close position within a register, choosing the inversion and
/// octave that moves the voices least from the previous chord (plus a pull towards the register's centre so
/// the voicing does not drift).</summary>
public sealed class Voicer
{
    private readonly int _low;
    private readonly int _high;
    private readonly int _voices;
    private int[]? _previous;

    public Voicer(int low, int high, int voices)
    {
        _low = low;
        _high = high;
        _voices = voices;
    }

    public int[] Voice(Chord chord)
    {
        var pcs = chord.PitchClasses;
        int[]? best = null;
        var bestCost = double.MaxValue;
        var centre = (_low + _high) / 2.0;
        for (var inversion = 0; inversion < pcs.Count; inversion++)
        {
            for (var octave = _low / 12 - 1; octave <= _high / 12 + 1; octave++)
            {
                var notes = new int[_voices];
                var pitch = octave * 12 + pcs[inversion];
                var ok = true;
                for (var v = 0; v < _voices; v++)
                {
                    var pc = pcs[(inversion + v) % pcs.Count];
                    if (v > 0)
                    {
                        pitch = notes[v - 1] + 1;
                        while (((pitch % 12) + 12) % 12 != pc)
                        {
                            pitch++;
                        }
                    }
                    if (pitch < _low || pitch > _high)
                    {
                        ok = false;
                        break;
                    }
                    notes[v] = pitch;
                }
                if (!ok)
                {
                    continue;
                }
                var cost = Math.Abs(notes.Average() - centre) * (_previous is null ? 2.0 : 0.35);
                if (_previous is not null)
                {
                    for (var v = 0; v < _voices; v++)
                    {
                        cost += Math.Abs(notes[v] - _previous[Math.Min(v, _previous.Length - 1)]);
                    }
                }
                else if (inversion != 0)
                {
                    cost += 3; // open the song in root position
                }
                if (cost < bestCost)
                {
                    bestCost = cost;
                    best = notes;
                }
            }
        }
        best ??= pcs.Select((pc, i) => _low + ((pc - _low) % 12 + 12) % 12 + 12 * (i / pcs.Count)).Take(_voices).ToArray();
        _previous = best;
        return best;
    }

    /// <summary>The lowest pitch of <paramref name="pitchClass"/> at or above <paramref name="low"/>.</summary>
    public static int Place(int pitchClass, int low) => low + (((pitchClass - low) % 12) + 12) % 12;
}
