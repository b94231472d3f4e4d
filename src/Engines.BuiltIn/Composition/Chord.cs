using AudioMusic.Domain;

namespace AudioMusic.Engines.BuiltIn.Composition;

/// <summary>A chord as a scale degree of the key (0 = tonic … 6) and its pitch classes, root first.</summary>
public sealed record Chord(int Degree, int RootPitchClass, IReadOnlyList<int> PitchClasses)
{
    public bool IsTonic => Degree == 0;

    public int FifthPitchClass => PitchClasses.Count > 2 ? PitchClasses[2] : RootPitchClass;

    /// <summary>The diatonic triad (or seventh chord) on <paramref name="degree"/>. In minor keys the dominant
    /// may take the raised leading tone (harmonic minor), which is what makes a minor cadence sound final.</summary>
    public static Chord Diatonic(KeyScale key, int degree, bool seventh = false, bool majorDominant = false)
    {
        var scale = key.ScalePitchClasses();
        var d = ((degree % 7) + 7) % 7;
        var count = seventh ? 4 : 3;
        var pcs = new int[count];
        for (var i = 0; i < count; i++)
        {
            pcs[i] = scale[(d + 2 * i) % 7];
        }
        if (majorDominant && key.Mode == Mode.Minor && d == 4)
        {
            pcs[1] = (pcs[0] + 4) % 12;
        }
        return new Chord(d, pcs[0], pcs);
    }
}
