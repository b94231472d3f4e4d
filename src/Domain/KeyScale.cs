using System.Text.RegularExpressions;

namespace AudioMusic.Domain;

[GenerateSerializer]
public enum Mode
{
    Major,
    Minor,
}

/// <summary>A tonic pitch class (0 = C … 11 = B) and a mode, spelled the way the client spelled it.</summary>
[GenerateSerializer, Immutable]
public readonly partial record struct KeyScale(
    [property: Id(0)] int Tonic,
    [property: Id(1)] Mode Mode,
    [property: Id(2)] string TonicName)
{
    private static readonly string[] SharpNames = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];
    private static readonly string[] FlatNames = ["C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B"];

    /// <summary>The 24 keys, spelled as musicians usually write them (flats for F, Bb, Eb, … majors).</summary>
    public static IReadOnlyList<KeyScale> All { get; } = BuildAll();

    public static KeyScale Of(int tonic, Mode mode)
    {
        var pc = ((tonic % 12) + 12) % 12;
        return new KeyScale(pc, mode, ConventionalName(pc, mode));
    }

    /// <summary>Parses "C major", "A minor", "F# minor", "Bb major", "Ebm", "c#min", "D♭ major".</summary>
    public static bool TryParse(string? text, out KeyScale key)
    {
        key = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 32)
        {
            return false;
        }
        var match = KeyPattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }
        var letter = char.ToUpperInvariant(match.Groups["letter"].Value[0]);
        var accidental = match.Groups["acc"].Value.Replace('♯', '#').Replace('♭', 'b');
        var modeText = match.Groups["mode"].Value.ToLowerInvariant();
        var mode = modeText is "" or "major" or "maj" ? Mode.Major : Mode.Minor;
        var natural = letter switch
        {
            'C' => 0, 'D' => 2, 'E' => 4, 'F' => 5, 'G' => 7, 'A' => 9, 'B' => 11,
            _ => -1,
        };
        var pc = natural + accidental switch { "#" => 1, "b" => -1, _ => 0 };
        key = new KeyScale(((pc % 12) + 12) % 12, mode, letter + accidental);
        return true;
    }

    public static KeyScale Parse(string text) =>
        TryParse(text, out var key) ? key : throw new FormatException($"'{text}' is not a key such as 'C major' or 'F# minor'.");

    /// <summary>The relative key: A minor for C major and back.</summary>
    public KeyScale Relative => Mode == Mode.Major ? Of(Tonic + 9, Mode.Minor) : Of(Tonic + 3, Mode.Major);

    /// <summary>Pitch classes of the scale degrees 1–7 (natural minor for minor keys).</summary>
    public IReadOnlyList<int> ScalePitchClasses()
    {
        int[] steps = Mode == Mode.Major ? [0, 2, 4, 5, 7, 9, 11] : [0, 2, 3, 5, 7, 8, 10];
        var tonic = Tonic;
        return steps.Select(s => (tonic + s) % 12).ToArray();
    }

    public override string ToString() => $"{TonicName} {(Mode == Mode.Major ? "major" : "minor")}";

    public bool Equals(KeyScale other) => Tonic == other.Tonic && Mode == other.Mode;

    public override int GetHashCode() => HashCode.Combine(Tonic, Mode);

    private static string ConventionalName(int pc, Mode mode)
    {
        // Keys whose signature uses flats: F, Bb, Eb, Ab, Db majors and D, G, C, F, Bb minors.
        var flatMajors = new[] { 5, 10, 3, 8, 1 };
        var flatMinors = new[] { 2, 7, 0, 5, 10, 3 };
        var useFlats = mode == Mode.Major ? flatMajors.Contains(pc) : flatMinors.Contains(pc);
        return useFlats ? FlatNames[pc] : SharpNames[pc];
    }

    private static KeyScale[] BuildAll() =>
        Enumerable.Range(0, 12).SelectMany(pc => new[] { Of(pc, Mode.Major), Of(pc, Mode.Minor) }).ToArray();

    [GeneratedRegex(@"^(?<letter>[A-Ga-g])(?<acc>[#b♯♭]?)\s*(?<mode>major|minor|maj|min|m)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
