namespace AudioMusic.Engines.BuiltIn.Vocals.Synthesis;

/// <summary>What the vocal tract does during one stretch of a phoneme.</summary>
internal enum SegmentKind
{
    /// <summary>Stop closure: silence, or a low "voice bar" for voiced stops.</summary>
    Closure,

    /// <summary>The short noise burst at the release of a stop.</summary>
    Burst,

    /// <summary>Breath noise through the vocal tract shaped like the next vowel (/HH/, aspirated stops).</summary>
    Aspiration,

    /// <summary>Turbulence noise of a fricative or the release of an affricate.</summary>
    Frication,

    /// <summary>Voiced nasal, liquid or glide.</summary>
    Sonorant,

    /// <summary>The sung vowel.</summary>
    Vowel,
}

/// <summary>One phoneme stretch on the time line; <see cref="Vowel"/> is the nucleus of the note it belongs to.</summary>
internal readonly record struct VocalSegment(
    double Start,
    double End,
    SegmentKind Kind,
    PhonemeAcoustics Phoneme,
    PhonemeAcoustics Vowel,
    int NoteIndex);

/// <summary>
/// A note after timing has been resolved: where its vowel really starts and ends, whether it is slurred from the
/// note before (legato), and the phrase it belongs to (for the declination of spoken delivery).
/// </summary>
internal sealed record PlannedNote(
    double VowelStart,
    double VowelEnd,
    double MidiPitch,
    bool Spoken,
    bool Stressed,
    double Gain,
    bool LegatoFromPrevious,
    double PreviousMidiPitch,
    double PhraseStart,
    double PhraseEnd);

/// <summary>
/// Lays the phonemes of every note on one time line. Onset consonants are placed just before the note start (at most
/// <see cref="MaxLeadInSeconds"/>) so that the vowel is heard on the beat; coda consonants close the note; a following
/// note's lead-in shortens the note before it instead of overlapping it, so at most one segment sounds at a time.
/// </summary>
internal sealed class VocalTimeline
{
    public const double MaxLeadInSeconds = 0.06;

    // The singable range with margin: C1 (33 Hz) to E7 (2.6 kHz); beyond it the source model makes no sense.
    private const double LowestMidiPitch = 24;
    private const double HighestMidiPitch = 100;
    private const double PhraseGapSeconds = 0.3;
    private const double LegatoGapSeconds = 0.03;

    public IReadOnlyList<PlannedNote> Notes { get; }
    public IReadOnlyList<VocalSegment> Segments { get; }

    /// <summary>For each planned note, its index in the list given to <see cref="Build"/> (notes are sorted by start
    /// and unusable ones dropped, so the two orders differ).</summary>
    public IReadOnlyList<int> InputIndices { get; }

    private VocalTimeline(IReadOnlyList<PlannedNote> notes, IReadOnlyList<VocalSegment> segments, IReadOnlyList<int> inputIndices)
    {
        Notes = notes;
        Segments = segments;
        InputIndices = inputIndices;
    }

    public static VocalTimeline Build(IReadOnlyList<SungNote> input)
    {
        var indexed = input
            .Select((n, i) => (Note: n, Index: i))
            .Where(x => x.Note.DurationSeconds > 0 && double.IsFinite(x.Note.StartSeconds) && double.IsFinite(x.Note.DurationSeconds)
                        && double.IsFinite(x.Note.MidiPitch))
            .OrderBy(x => x.Note.StartSeconds)
            .ToList();
        var notes = indexed.Select(x => x.Note).ToList();
        var onsets = new List<PhoneStep>[notes.Count];
        var codas = new List<PhoneStep>[notes.Count];
        var leadIns = new double[notes.Count];
        for (var i = 0; i < notes.Count; i++)
        {
            onsets[i] = Expand(notes[i].Syllable.Onset, isOnset: true, notes[i].Spoken);
            codas[i] = Expand(notes[i].Syllable.Coda, isOnset: false, notes[i].Spoken);
            var natural = onsets[i].Sum(s => s.Seconds);
            // A lead-in may not eat more than ~half of the previous note.
            var room = i == 0 ? MaxLeadInSeconds : 0.45 * (notes[i].StartSeconds - notes[i - 1].StartSeconds);
            leadIns[i] = Math.Min(natural, Math.Min(MaxLeadInSeconds, room));
            Scale(onsets[i], natural > 0 ? leadIns[i] / natural : 1);
        }

        var planned = new List<PlannedNote>(notes.Count);
        var segments = new List<VocalSegment>();
        var phraseBounds = PhraseBounds(notes);
        for (var i = 0; i < notes.Count; i++)
        {
            var note = notes[i];
            var vowel = PhonemeTable.Get(note.Syllable.Nucleus);
            var end = note.StartSeconds + note.DurationSeconds;
            if (i + 1 < notes.Count)
            {
                end = Math.Min(end, notes[i + 1].StartSeconds - leadIns[i + 1]);
            }
            var available = Math.Max(end - note.StartSeconds, 0.01);
            if (note.Spoken)
            {
                // Rap vowels are clipped: the syllable is spoken, not held, whatever the note length.
                available = Math.Max(Math.Min(available, 0.09), 0.65 * available);
            }
            var codaNatural = codas[i].Sum(s => s.Seconds);
            var codaLength = Math.Min(codaNatural, 0.4 * available);
            Scale(codas[i], codaNatural > 0 ? codaLength / codaNatural : 1);
            var vowelEnd = note.StartSeconds + available - codaLength;

            var time = note.StartSeconds - leadIns[i];
            foreach (var step in onsets[i])
            {
                segments.Add(new VocalSegment(time, time + step.Seconds, step.Kind, step.Phoneme, vowel, i));
                time += step.Seconds;
            }
            segments.Add(new VocalSegment(note.StartSeconds, vowelEnd, SegmentKind.Vowel, vowel, vowel, i));
            time = vowelEnd;
            foreach (var step in codas[i])
            {
                segments.Add(new VocalSegment(time, time + step.Seconds, step.Kind, step.Phoneme, vowel, i));
                time += step.Seconds;
            }

            var previousEnd = i > 0 ? notes[i - 1].StartSeconds + notes[i - 1].DurationSeconds : double.NegativeInfinity;
            var legato = i > 0 && note.StartSeconds - leadIns[i] - previousEnd < LegatoGapSeconds;
            var stressWeight = note.Syllable.Stressed ? 1.0 : note.Spoken ? 0.7 : 0.85;
            planned.Add(new PlannedNote(
                note.StartSeconds,
                vowelEnd,
                Math.Clamp(note.MidiPitch, LowestMidiPitch, HighestMidiPitch),
                note.Spoken,
                note.Syllable.Stressed,
                (float.IsFinite(note.Velocity) ? Math.Clamp(note.Velocity, 0.05, 1.0) : 0.8) * stressWeight,
                legato,
                Math.Clamp(i > 0 ? notes[i - 1].MidiPitch : note.MidiPitch, LowestMidiPitch, HighestMidiPitch),
                phraseBounds[i].Start,
                phraseBounds[i].End));
        }
        return new VocalTimeline(planned, segments, indexed.Select(x => x.Index).ToArray());
    }

    /// <summary>Where each planned note is first heard: the start of its first onset consonant, except that a stop's
    /// closure is not heard (silence, or for a voiced stop a faint voice bar about 18 dB under the vowel), so a stop is
    /// heard from its release burst; the vowel start when the note has no onset.</summary>
    public double[] AudibleStarts()
    {
        var starts = Notes.Select(n => n.VowelStart).ToArray();
        var found = new bool[Notes.Count];
        // Segments are laid out note by note, onset first, so the first sounding one of a note is its audible start.
        foreach (var segment in Segments)
        {
            if (!found[segment.NoteIndex] && segment.Kind != SegmentKind.Closure)
            {
                starts[segment.NoteIndex] = Math.Min(starts[segment.NoteIndex], segment.Start);
                found[segment.NoteIndex] = true;
            }
        }
        return starts;
    }

    private static (double Start, double End)[] PhraseBounds(List<SungNote> notes)
    {
        var bounds = new (double Start, double End)[notes.Count];
        var first = 0;
        for (var i = 1; i <= notes.Count; i++)
        {
            var boundary = i == notes.Count
                || notes[i].StartSeconds - (notes[i - 1].StartSeconds + notes[i - 1].DurationSeconds) > PhraseGapSeconds;
            if (!boundary)
            {
                continue;
            }
            var end = notes[i - 1].StartSeconds + notes[i - 1].DurationSeconds;
            for (var j = first; j < i; j++)
            {
                bounds[j] = (notes[first].StartSeconds, end);
            }
            first = i;
        }
        return bounds;
    }

    private sealed class PhoneStep(SegmentKind kind, PhonemeAcoustics phoneme, double seconds)
    {
        public SegmentKind Kind { get; } = kind;
        public PhonemeAcoustics Phoneme { get; } = phoneme;
        public double Seconds { get; set; } = seconds;
    }

    private static void Scale(List<PhoneStep> steps, double factor)
    {
        foreach (var step in steps)
        {
            step.Seconds *= factor;
        }
    }

    /// <summary>Natural durations of each consonant's phases; the caller squeezes them into the time available.</summary>
    private static List<PhoneStep> Expand(IReadOnlyList<string> consonants, bool isOnset, bool spoken)
    {
        var steps = new List<PhoneStep>();
        // Rap consonants are short and snappy; sung ones are given more time.
        var tempo = spoken ? 0.8 : 1.0;
        foreach (var symbol in consonants)
        {
            var phoneme = PhonemeTable.Get(symbol);
            switch (phoneme.Class)
            {
                case ArticulationClass.Plosive:
                    steps.Add(new PhoneStep(SegmentKind.Closure, phoneme, (phoneme.Voiced ? 0.03 : 0.035) * tempo));
                    steps.Add(new PhoneStep(SegmentKind.Burst, phoneme, phoneme.Voiced ? 0.006 : 0.009));
                    if (!phoneme.Voiced && isOnset)
                    {
                        steps.Add(new PhoneStep(SegmentKind.Aspiration, phoneme, 0.025 * tempo));
                    }
                    break;
                case ArticulationClass.Affricate:
                    steps.Add(new PhoneStep(SegmentKind.Closure, phoneme, 0.03 * tempo));
                    steps.Add(new PhoneStep(SegmentKind.Frication, phoneme, 0.05 * tempo));
                    break;
                case ArticulationClass.Fricative:
                    steps.Add(new PhoneStep(SegmentKind.Frication, phoneme, (phoneme.Voiced ? 0.055 : 0.075) * tempo));
                    break;
                case ArticulationClass.Aspirate:
                    steps.Add(new PhoneStep(SegmentKind.Aspiration, phoneme, 0.045 * tempo));
                    break;
                case ArticulationClass.Vowel or ArticulationClass.Diphthong:
                    // A vowel in a consonant slot (from an unusual phonemisation) is sung briefly as a glide.
                    steps.Add(new PhoneStep(SegmentKind.Sonorant, phoneme, 0.05 * tempo));
                    break;
                default:
                    steps.Add(new PhoneStep(SegmentKind.Sonorant, phoneme,
                        (phoneme.Class == ArticulationClass.Nasal ? 0.055 : 0.045) * tempo));
                    break;
            }
        }
        return steps;
    }
}
