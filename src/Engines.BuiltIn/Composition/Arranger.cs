using AudioMusic.Domain;
using AudioMusic.Engines.BuiltIn.Caption;

namespace AudioMusic.Engines.BuiltIn.Composition;

/// <summary>Writes the accompaniment: drums (groove per feel and meter, fills at section ends, a crash on
/// section starts), a bass line on the chord roots, a harmony part (comping pattern per genre), a sustained pad,
/// a lead melody where no one sings, and any instrument the caption asked for. Section energy decides who plays.</summary>
public sealed class Arranger
{
    private readonly SongSettings _settings;
    private readonly Groove _groove;
    private readonly SeededRandom _random;
    private readonly bool _hasVocals;

    public Arranger(SongSettings settings, Groove groove, SeededRandom random, bool hasVocals)
    {
        _settings = settings;
        _groove = groove;
        _random = random;
        _hasVocals = hasVocals;
    }

    private SongTiming Timing => _groove.Timing;

    private GenreStyle Style => _settings.Style;

    public Arrangement Arrange(FormPlan form, Chord[] chords, bool loop = false)
    {
        var parts = new List<InstrumentPart>();
        var (bass, comp, pad, lead, extras) = ChooseInstruments();
        var energy = _settings.Energy;

        var bassPart = NewPart("bass", bass, 0.9f, 0f, 0.05f);
        var compPart = NewPart("comp", comp, 0.6f, -0.22f, 0.18f);
        var padPart = pad is { } p ? NewPart("pad", p, 0.42f, 0f, 0.35f) : null;
        var leadPart = NewPart("lead", lead, 0.55f, 0.18f, 0.25f);
        var extraParts = extras.Select((kind, i) => NewPart("extra", kind, 0.4f, i % 2 == 0 ? 0.35f : -0.35f, 0.25f)).ToList();

        var bassWriter = new BassWriter(_groove, Style.BassStyle, _random.Fork(1));
        var compWriter = new CompWriter(_groove, Style.CompStyle, comp, _random.Fork(2));
        var padVoicer = new Voicer(55, 79, 4);
        var extraWriters = extras.Select((kind, i) => new CompWriter(_groove, ExtraStyle(kind), kind, _random.Fork(10 + (ulong)i))).ToList();
        var melody = new MelodyWriter(_groove, _settings.Key, chords, LeadRange(lead).Low, LeadRange(lead).High, _random.Fork(3));

        foreach (var section in form.Sections)
        {
            var level = (float)Math.Clamp(0.55 + 0.45 * section.Energy * (0.6 + 0.6 * energy), 0.3, 1.0);
            var leadPlays = LeadPlays(section, loop);
            for (var bar = section.StartBar; bar < section.EndBar; bar++)
            {
                var chord = chords[bar];
                var isLast = bar == form.TotalBars - 1 && !loop;
                bassWriter.Write(bassPart.Notes, bar, chord, chords[Math.Min(bar + 1, chords.Length - 1)], level, isLast);
                if (section.Energy >= 0.3 || loop)
                {
                    compWriter.Write(compPart.Notes, bar, chord, level * 0.9f, isLast);
                }
                if (padPart is not null && (section.Energy <= 0.65 || section.Energy >= 0.85 || Style.Genre is Genre.Ambient or Genre.Classical or Genre.Cinematic))
                {
                    WritePad(padPart.Notes, padVoicer, bar, chord, level * 0.8f, isLast);
                }
                for (var i = 0; i < extraWriters.Count; i++)
                {
                    extraWriters[i].Write(extraParts[i].Notes, bar, chord, level * 0.8f, isLast);
                }
            }
            if (leadPlays)
            {
                WriteLead(leadPart.Notes, melody, section, level, form, loop);
            }
        }
        parts.Add(bassPart);
        parts.Add(compPart);
        if (padPart is not null)
        {
            parts.Add(padPart);
        }
        if (leadPart.Notes.Count > 0)
        {
            parts.Add(leadPart);
        }
        parts.AddRange(extraParts);
        var drums = new DrumWriter(_groove, Style.Drums, _random.Fork(4)).Write(form, energy, loop);
        return new Arrangement(chords, parts, drums);
    }

    private InstrumentPart NewPart(string role, InstrumentKind kind, float gain, float pan, float send) =>
        new(role, kind, [], gain, pan, (float)(send * (0.5 + Style.Reverb * 2)));

    private bool LeadPlays(PlannedSection section, bool loop)
    {
        if (loop)
        {
            return false;
        }
        if (_hasVocals)
        {
            return section.Kind == SectionKind.Instrumental || (section.Kind == SectionKind.Intro && section.Bars >= 4);
        }
        return section.Kind is SectionKind.Verse or SectionKind.Chorus or SectionKind.Instrumental or SectionKind.Bridge;
    }

    private void WriteLead(List<NoteEvent> notes, MelodyWriter melody, PlannedSection section, float level, FormPlan form, bool loop)
    {
        var phraseBars = Timing.BarSeconds > 2.2 ? 1 : 2;
        for (var start = section.StartBar; start < section.EndBar; start += phraseBars)
        {
            var bars = Math.Min(phraseBars, section.EndBar - start);
            var syllables = Math.Max(2, (int)(bars * Timing.StepsPerBar / 2.0 * _random.Range(0.45, 0.8)));
            var stresses = Enumerable.Range(0, syllables).Select(i => i % 2 == 0).ToArray();
            var closes = start + bars >= section.EndBar;
            foreach (var m in melody.Sing(new Phrase(start, bars, stresses, closes)))
            {
                notes.Add(new NoteEvent(m.Start + Groove.Jitter(_random, 0.004), m.Duration, m.Pitch, Groove.Humanise(_random, level * (m.Stressed ? 0.9f : 0.75f)), 0f));
            }
        }
    }

    private void WritePad(List<NoteEvent> notes, Voicer voicer, int bar, Chord chord, float level, bool isLast)
    {
        // An upper tonic pedal over every chord (an inverted pedal point): it keeps the key's centre sounding
        // through the progression, against the dominant-leaning overtones of the chords themselves.
        var pedal = Voicer.Place(_settings.Key.Tonic, 67);
        var voicing = voicer.Voice(chord).Where(p => p % 12 != pedal % 12).Append(pedal).ToArray();
        var length = Timing.BarSeconds * (isLast ? 1.6 : 1.0);
        for (var i = 0; i < voicing.Length; i++)
        {
            var pan = (i - (voicing.Length - 1) / 2f) * 0.35f;
            notes.Add(new NoteEvent(Timing.BarStart(bar), length, voicing[i], Groove.Humanise(_random, level * 0.7f, 0.04), pan));
        }
    }

    private (InstrumentKind Bass, InstrumentKind Comp, InstrumentKind? Pad, InstrumentKind Lead, List<InstrumentKind> Extras) ChooseInstruments()
    {
        var bass = Style.Bass;
        var comp = Style.Comp;
        var pad = Style.Pad;
        var lead = Style.Lead;
        var extras = new List<InstrumentKind>();
        bool bassSet = false, compSet = false, padSet = false, leadSet = false;
        foreach (var kind in _settings.RequestedInstruments)
        {
            switch (RoleOf(kind))
            {
                case "bass" when !bassSet:
                    bass = kind;
                    bassSet = true;
                    break;
                case "comp" when !compSet:
                    comp = kind;
                    compSet = true;
                    break;
                case "pad" when !padSet:
                    pad = kind;
                    padSet = true;
                    break;
                case "lead" when !leadSet:
                    lead = kind;
                    leadSet = true;
                    break;
                default:
                    if (kind != bass && kind != comp && kind != pad && kind != lead && extras.Count < 2)
                    {
                        extras.Add(kind);
                    }
                    break;
            }
        }
        return (bass, comp, pad, lead, extras);
    }

    private static string RoleOf(InstrumentKind kind) => kind switch
    {
        InstrumentKind.SynthBass or InstrumentKind.BassGuitar or InstrumentKind.UprightBass => "bass",
        InstrumentKind.Strings or InstrumentKind.SynthPad or InstrumentKind.Organ => "pad",
        InstrumentKind.SynthLead or InstrumentKind.Brass or InstrumentKind.Bells or InstrumentKind.DistortedGuitar => "lead",
        _ => "comp",
    };

    private static CompStyle ExtraStyle(InstrumentKind kind) => kind switch
    {
        InstrumentKind.Strings or InstrumentKind.SynthPad or InstrumentKind.Organ or InstrumentKind.Brass => CompStyle.Sustain,
        InstrumentKind.AcousticGuitar or InstrumentKind.ElectricGuitar => CompStyle.Strum,
        InstrumentKind.DistortedGuitar => CompStyle.PowerChug,
        _ => CompStyle.Arpeggio,
    };

    private static (int Low, int High) LeadRange(InstrumentKind kind) => kind switch
    {
        InstrumentKind.Brass => (58, 77),
        InstrumentKind.Bells => (72, 91),
        InstrumentKind.Strings => (64, 84),
        InstrumentKind.ElectricGuitar or InstrumentKind.DistortedGuitar => (60, 81),
        InstrumentKind.Piano or InstrumentKind.ElectricPiano => (64, 84),
        _ => (65, 86),
    };
}
