namespace AudioMusic.Engines.BuiltIn.Vocals.Synthesis;

/// <summary>Where the vocal tract is heading during a segment (source levels, formants, the nasal antiformant, the
/// noise shape), and the pitch a layer aims at during a note: what <see cref="LayerRenderer"/> glides towards, block by
/// block.</summary>
internal static class ArticulationTargets
{
    /// <summary>The nasal pole; an antiformant at the same frequency cancels it, so oral sounds leave it there.</summary>
    public const double NasalPoleHz = 270;

    /// <summary>The targets of <paramref name="segment"/> at <paramref name="time"/>.</summary>
    public static SegmentTarget For(VocalTimeline timeline, VocalSegment segment, double time)
    {
        var note = timeline.Notes[segment.NoteIndex];
        var phoneme = segment.Phoneme;
        // Rap consonants are louder relative to the vowel: that is what "crisp" delivery means acoustically.
        var crisp = note.Spoken ? 1.4 : 1.0;
        double voicing = 0, aspiration = 0, frication = 0;
        var formants = phoneme.Target;
        var zero = NasalPoleHz;
        switch (segment.Kind)
        {
            case SegmentKind.Vowel:
                voicing = 1;
                formants = VowelFormants(segment, note, time);
                break;
            case SegmentKind.Sonorant:
                // Sonorant consonants are several dB weaker than vowels: the tract is constricted or, for
                // nasals, the mouth is closed.
                voicing = phoneme.Class switch
                {
                    ArticulationClass.Nasal => 0.3,
                    ArticulationClass.Liquid => 0.45,
                    _ => 0.55,
                };
                if (phoneme.Class == ArticulationClass.Nasal)
                {
                    zero = phoneme.AntiformantHz;
                }
                break;
            case SegmentKind.Closure:
                // Voiced stops keep the vocal folds going behind the closure: a faint, low "voice bar".
                voicing = phoneme.Voiced ? 0.12 : 0;
                formants = formants with { F1 = 200 };
                break;
            case SegmentKind.Burst:
                frication = (phoneme.Voiced ? 0.8 : 1.4) * crisp;
                voicing = phoneme.Voiced ? 0.15 : 0;
                break;
            case SegmentKind.Aspiration:
                // /HH/ is a soft breath; the aspiration after a released /P T K/ is a little stronger.
                aspiration = (phoneme.Class == ArticulationClass.Aspirate ? 0.2 : 0.3) * crisp;
                formants = segment.Vowel.Target;
                break;
            case SegmentKind.Frication:
                frication = (phoneme.Voiced ? 0.55 : 1.0) * crisp;
                voicing = phoneme.Voiced ? 0.4 : 0;
                break;
        }
        return new SegmentTarget(voicing * note.Gain, aspiration * note.Gain, frication * note.Gain, formants, zero,
            phoneme.Noise, note.Spoken);
    }

    private static FormantSet VowelFormants(VocalSegment segment, PlannedNote note, double time)
    {
        var vowel = segment.Phoneme;
        if (vowel.Class != ArticulationClass.Diphthong)
        {
            return vowel.Target;
        }
        // Singers hold the first vowel of a diphthong and glide to the second one late; speakers glide throughout.
        var length = segment.End - segment.Start;
        var glide = note.Spoken ? 0.6 * length : Math.Min(0.15, 0.5 * length);
        var amount = SmoothStep((time - (segment.End - glide)) / Math.Max(glide, 1e-3));
        return vowel.Target.Lerp(vowel.GlideTarget, amount);
    }

    /// <summary>The pitch (MIDI, fractional) a layer aims at during <paramref name="note"/>, before vibrato and drift.</summary>
    public static double Midi(VoiceLayer layer, PlannedNote note, double time)
    {
        var midi = note.MidiPitch + layer.DetuneCents / 100;
        var sinceVowel = time - note.VowelStart;
        if (note.Spoken)
        {
            // Speech melody: each phrase falls about two semitones (declination); stressed syllables start with a
            // pitch accent that decays through the vowel; unstressed ones sit a little lower.
            var phraseLength = Math.Max(note.PhraseEnd - note.PhraseStart, 0.1);
            var phrasePosition = Math.Clamp((time - note.PhraseStart) / phraseLength, 0, 1);
            var vowelPosition = Math.Clamp(sinceVowel / Math.Max(note.VowelEnd - note.VowelStart, 0.05), 0, 1);
            return midi + 1.0 - 2.0 * phrasePosition + (note.Stressed ? 1.8 * (1 - vowelPosition) : -0.6);
        }
        if (note.LegatoFromPrevious)
        {
            // Portamento: slide from the previous note over 80 ms centred slightly before the new vowel.
            var previous = note.PreviousMidiPitch + layer.DetuneCents / 100;
            return previous + (midi - previous) * SmoothStep((sinceVowel + 0.04) / 0.08);
        }
        // A detached note starts with a small scoop from below, as singers do.
        return midi - 0.3 * (1 - SmoothStep((sinceVowel + 0.02) / 0.08));
    }

    private static double SmoothStep(double x)
    {
        var t = Math.Clamp(x, 0, 1);
        return t * t * (3 - 2 * t);
    }
}

/// <summary>The source levels and tract shape one segment asks for.</summary>
internal readonly record struct SegmentTarget(
    double Voicing, double Aspiration, double Frication, FormantSet Formants, double Zero, NoiseShape Noise,
    bool Spoken)
{
    public static readonly SegmentTarget Silence = new(0, 0, 0, default, ArticulationTargets.NasalPoleHz, NoiseShape.None, false);
}
