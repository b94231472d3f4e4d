using AudioMusic.Domain;

namespace AudioMusic.Engines.BuiltIn.Composition;

/// <summary>Chooses one chord per bar: a progression per section kind (repeats of a kind reuse it, as songs
/// do), the tonic on the first bar, and an authentic cadence (V → I) on the last two bars. In minor keys the
/// dominant at phrase ends takes the raised leading tone.</summary>
public static class HarmonyWriter
{
    public static Chord[] Write(FormPlan form, KeyScale key, GenreStyle style, SeededRandom random)
    {
        var progressions = key.Mode == Mode.Major ? style.MajorProgressions : style.MinorProgressions;
        var byKind = new Dictionary<SectionKind, int[]>();
        int[] ProgressionOf(SectionKind kind)
        {
            var shared = kind switch
            {
                SectionKind.Intro or SectionKind.Outro => SectionKind.Verse,
                SectionKind.Instrumental => SectionKind.Chorus,
                _ => kind,
            };
            if (!byKind.TryGetValue(shared, out var progression))
            {
                progression = random.Pick(progressions);
                if (byKind.Count > 0 && progressions.Count > 1)
                {
                    // Different sections should sound different: avoid reusing another section's progression.
                    for (var attempt = 0; attempt < 4 && byKind.Values.Any(p => p == progression); attempt++)
                    {
                        progression = random.Pick(progressions);
                    }
                }
                byKind[shared] = progression;
            }
            return progression;
        }

        var chords = new Chord[form.TotalBars];
        foreach (var section in form.Sections)
        {
            var progression = ProgressionOf(section.Kind);
            for (var i = 0; i < section.Bars; i++)
            {
                var degree = progression[i % progression.Length];
                var phraseEnd = i % 4 == 3 || i == section.Bars - 1;
                chords[section.StartBar + i] = Chord.Diatonic(key, degree, style.Sevenths && degree != 0, majorDominant: phraseEnd);
            }
        }
        if (chords.Length > 0)
        {
            chords[0] = Chord.Diatonic(key, 0);
            chords[^1] = Chord.Diatonic(key, 0);
        }
        if (chords.Length >= 3)
        {
            chords[^2] = Chord.Diatonic(key, 4, style.Sevenths, majorDominant: true);
        }
        if (chords.Length >= 5)
        {
            // IV (iv) – V – I: the subdominant before the cadence names the key beyond doubt.
            chords[^3] = Chord.Diatonic(key, 3, style.Sevenths);
        }
        return chords;
    }

    /// <summary>A loop's harmony: tonic first, and a last chord that leads back to the tonic at the wrap.</summary>
    public static Chord[] WriteLoop(int bars, KeyScale key, GenreStyle style, SeededRandom random)
    {
        var progressions = key.Mode == Mode.Major ? style.MajorProgressions : style.MinorProgressions;
        var progression = random.Pick(progressions);
        var chords = new Chord[bars];
        for (var i = 0; i < bars; i++)
        {
            chords[i] = Chord.Diatonic(key, progression[i % progression.Length], style.Sevenths && progression[i % progression.Length] != 0);
        }
        chords[0] = Chord.Diatonic(key, 0);
        if (bars >= 2)
        {
            chords[^1] = Chord.Diatonic(key, 4, style.Sevenths, majorDominant: true);
        }
        return chords;
    }
}
