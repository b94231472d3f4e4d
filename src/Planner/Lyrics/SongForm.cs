using AudioMusic.Domain;

namespace AudioMusic.Planner.Lyrics;

internal enum RhymeScheme
{
    /// <summary>Lines 1–2 and 3–4 rhyme.</summary>
    Couplets,
    /// <summary>Lines 1–3 and 2–4 rhyme.</summary>
    Alternate,
}

/// <summary>One section to write: its tag, how many lines and how they rhyme. A section with no lines is an
/// instrumental marker (an intro before the first verse).</summary>
internal sealed record SectionSpec(SectionKind Kind, int? Number, int Lines);

/// <summary>Chooses the song's sections from how many lines fit in its duration. About 70 % of a song is sung;
/// the rest is intro, turnarounds and ending, so sung lines ≈ 0.7 × duration ÷ line length. The largest form
/// that fits is used; short songs get a verse and a chorus.</summary>
internal static class SongForm
{
    private const double SungShare = 0.7;

    private static SectionSpec V(int n, int lines) => new(SectionKind.Verse, n, lines);
    private static SectionSpec Pre => new(SectionKind.PreChorus, null, 2);
    private static SectionSpec Ch(int lines) => new(SectionKind.Chorus, null, lines);
    private static SectionSpec Br(int lines) => new(SectionKind.Bridge, null, lines);
    private static SectionSpec Out => new(SectionKind.Outro, null, 2);
    private static SectionSpec Intro => new(SectionKind.Intro, null, 0);

    private static readonly SectionSpec[][] SungForms =
    [
        [Intro, V(1, 4), Pre, Ch(4), V(2, 4), Pre, Ch(4), Br(4), Ch(4), Out],
        [Intro, V(1, 4), Ch(4), V(2, 4), Ch(4), Br(2), Ch(4)],
        [Intro, V(1, 4), Ch(4), V(2, 4), Ch(4)],
        [V(1, 4), Ch(4), Out],
        [V(1, 2), Ch(4)],
        [V(1, 2), Ch(2)],
    ];

    private static readonly SectionSpec[][] RapForms =
    [
        [Intro, Ch(4), V(1, 8), Ch(4), V(2, 8), Ch(4), V(3, 8), Ch(4)],
        [Intro, V(1, 8), Ch(4), V(2, 8), Ch(4)],
        [V(1, 8), Ch(4)],
        [V(1, 4), Ch(4)],
        [V(1, 2), Ch(2)],
    ];

    public static IReadOnlyList<SectionSpec> Choose(double durationSeconds, SyllableRange range, bool rap)
    {
        var capacity = (int)Math.Floor(SungShare * durationSeconds / range.LineSeconds);
        var forms = rap ? RapForms : SungForms;
        return forms.FirstOrDefault(f => f.Sum(s => s.Lines) <= capacity) ?? forms[^1];
    }
}
