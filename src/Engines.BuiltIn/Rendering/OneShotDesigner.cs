using System.Text.RegularExpressions;
using AudioMusic.Engines.BuiltIn.Caption;
using AudioMusic.Engines.BuiltIn.Composition;

namespace AudioMusic.Engines.BuiltIn.Rendering;

/// <summary>What a one-shot sample is: a drum hit when the prompt names a drum, otherwise a tonic chord stab
/// (or a single note for lead and bass instruments) on the instrument the prompt names or the genre's comp
/// instrument. The note is struck at time zero and allowed to decay naturally over most of the length.</summary>
internal static class OneShotDesigner
{
    private static readonly (string Word, DrumSound Sound)[] DrumWords =
    [
        ("kick", DrumSound.Kick), ("bass drum", DrumSound.Kick), ("snare", DrumSound.Snare), ("clap", DrumSound.Clap),
        ("rimshot", DrumSound.Rim), ("rim", DrumSound.Rim), ("open hat", DrumSound.OpenHat), ("open hi-hat", DrumSound.OpenHat),
        ("hi-hat", DrumSound.ClosedHat), ("hihat", DrumSound.ClosedHat), ("hat", DrumSound.ClosedHat), ("crash", DrumSound.Crash),
        ("cymbal", DrumSound.Crash), ("ride", DrumSound.Ride), ("tom", DrumSound.LowTom), ("shaker", DrumSound.Shaker),
        ("timpani", DrumSound.Timpani),
    ];

    public static IReadOnlyList<string> DrumTerms => DrumWords.Select(d => d.Word).ToArray();

    public static Arrangement Design(SongSettings settings, string caption, double seconds)
    {
        var text = caption.ToLowerInvariant();
        foreach (var (word, sound) in DrumWords)
        {
            if (Regex.IsMatch(text, $@"\b{Regex.Escape(word)}\b", RegexOptions.CultureInvariant))
            {
                return new Arrangement([], [], [new DrumHit(0, sound, 1f)]);
            }
        }
        var instrument = settings.RequestedInstruments.Count > 0 ? settings.RequestedInstruments[0] : settings.Style.Comp;
        var chord = Chord.Diatonic(settings.Key, 0, settings.Style.Sevenths);
        var ring = seconds * 0.45;
        int[] pitches = instrument switch
        {
            InstrumentKind.SynthBass or InstrumentKind.BassGuitar or InstrumentKind.UprightBass => [Voicer.Place(settings.Key.Tonic, 36)],
            InstrumentKind.SynthLead or InstrumentKind.Brass or InstrumentKind.Bells => [Voicer.Place(settings.Key.Tonic, 60)],
            _ => new Voicer(55, 76, 4).Voice(chord),
        };
        var notes = pitches.Select((p, i) => new NoteEvent(i * 0.004, ring, p, 0.9f, (i - (pitches.Length - 1) / 2f) * 0.15f)).ToList();
        return new Arrangement([chord], [new InstrumentPart("one-shot", instrument, notes, 0.8f, 0f, 0.2f)], []);
    }
}
