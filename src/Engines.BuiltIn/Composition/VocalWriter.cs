using AudioMusic.Domain;
using AudioMusic.Engines.BuiltIn.Caption;
using AudioMusic.Engines.BuiltIn.Vocals;

namespace AudioMusic.Engines.BuiltIn.Composition;

/// <summary>The vocal part: every planned lyric line is split into syllables, given a melody (or a rap flow)
/// over its bars, and becomes <see cref="SungNote"/>s. Each line's LRC time is when its first note starts to sound:
/// the leading consonant, which the synthesiser places before the note's vowel (which is on the beat).</summary>
public sealed class VocalWriter
{
    private readonly IPhonemizer _phonemizer;
    private readonly Groove _groove;
    private readonly SongSettings _settings;
    private readonly bool _rap;

    public VocalWriter(IPhonemizer phonemizer, Groove groove, SongSettings settings, bool rap)
    {
        _phonemizer = phonemizer;
        _groove = groove;
        _settings = settings;
        _rap = rap;
    }

    public sealed record VocalPart(IReadOnlyList<SungNote> Notes, IReadOnlyList<LyricLine> Lines);

    public VocalPart Write(FormPlan form, IReadOnlyList<Chord> chords, SeededRandom random)
    {
        var (low, high) = Range(_settings.Singer);
        var melody = new MelodyWriter(_groove, _settings.Key, chords, low, high, random.Fork(1));
        var rapCentre = _settings.Singer == SingerKind.Female ? 57 : 50;
        var notes = new List<SungNote>();
        var lineStarts = new List<(int FirstNote, string Text)>();
        var lastSung = form.Sections.LastOrDefault(s => s.IsSung);
        foreach (var section in form.Sections.Where(s => s.IsSung))
        {
            for (var l = 0; l < section.Lines.Count; l++)
            {
                var line = section.Lines[l];
                var syllables = _phonemizer.Syllabify(line.Text).SelectMany(w => w.Syllables).ToList();
                if (syllables.Count == 0)
                {
                    continue;
                }
                var closes = l == section.Lines.Count - 1 && (section.Kind is SectionKind.Chorus or SectionKind.Outro || section == lastSung);
                var phrase = new Phrase(line.StartBar, line.Bars, syllables.Select(s => s.Stressed).ToArray(), closes);
                var melodyNotes = _rap ? melody.Rap(phrase, rapCentre) : melody.Sing(phrase);
                lineStarts.Add((notes.Count, line.Text));
                foreach (var m in melodyNotes)
                {
                    var velocity = Groove.Humanise(random, (float)(0.62 + 0.25 * section.Energy + (m.Stressed ? 0.08 : 0)), 0.04);
                    notes.Add(new SungNote(m.Start, m.Duration, m.Pitch, syllables[m.Index], velocity, _rap));
                }
            }
        }
        // The lead-in of a line's first consonant depends on the note before it (it may not eat that note), so the
        // audible starts come from the synthesiser's own time line over the whole part.
        var audible = SingingSynthesizer.AudibleStarts(notes);
        var lines = lineStarts
            .Select((l, i) =>
            {
                var last = notes[(i + 1 < lineStarts.Count ? lineStarts[i + 1].FirstNote : notes.Count) - 1];
                var start = Math.Max(0, double.IsNaN(audible[l.FirstNote]) ? notes[l.FirstNote].StartSeconds : audible[l.FirstNote]);
                return new LyricLine(start, l.Text, Math.Max(start, last.StartSeconds + last.DurationSeconds));
            })
            .ToList();
        return new VocalPart(notes, lines);
    }

    public static (int Low, int High) Range(SingerKind singer) => singer switch
    {
        SingerKind.Male => (48, 64),
        SingerKind.Female => (58, 74),
        _ => (53, 70),
    };

    /// <summary>The voice the caption describes (register and delivery words).</summary>
    public static VoiceSpec VoiceFor(SongSettings settings, bool rap)
    {
        var type = settings.Singer switch
        {
            SingerKind.Male => VoiceType.Male,
            SingerKind.Female => VoiceType.Female,
            _ => VoiceType.Choir,
        };
        var styles = settings.VocalStyles;
        var breathiness = styles.Contains("breathy") ? 0.55 : styles.Contains("raspy") ? 0.4 : 0.15;
        var brightness = styles.Contains("powerful") ? 0.8 : styles.Contains("breathy") ? 0.4 : 0.55;
        var vibrato = rap ? 0 : styles.Contains("vibrato") ? 70 : 35;
        return new VoiceSpec(type, breathiness, vibrato, 5.5, brightness);
    }
}
