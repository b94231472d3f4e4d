namespace AudioMusic.Domain;

/// <summary>A named starting point for a genre: caption tags plus default tempo, key and meter ranges.
/// Explicit request parameters win over caption words, and caption words win over these defaults.</summary>
[GenerateSerializer, Immutable]
public sealed record GenrePreset(
    [property: Id(0)] string Name,
    [property: Id(1)] string Slug,
    [property: Id(2)] IReadOnlyList<string> CaptionTags,
    [property: Id(3)] int MinBpm,
    [property: Id(4)] int MaxBpm,
    [property: Id(5)] IReadOnlyList<Mode> Modes,
    [property: Id(6)] IReadOnlyList<TimeSignature> Meters,
    [property: Id(7)] double DefaultDurationSeconds)
{
    public string Caption => string.Join(", ", CaptionTags);

    public int DefaultBpm => (MinBpm + MaxBpm) / 2;
}

public static class GenrePresets
{
    private static readonly TimeSignature[] Common = [TimeSignature.FourFour];

    public static IReadOnlyList<GenrePreset> All { get; } =
    [
        new("Modern Pop", "modern-pop", ["pop", "catchy", "modern production", "synth", "punchy drums", "bright"], 96, 124, [Mode.Major, Mode.Minor], Common, 180),
        new("Rock", "rock", ["rock", "electric guitar", "distorted guitar", "live drums", "bass guitar", "energetic"], 100, 150, [Mode.Major, Mode.Minor], Common, 200),
        new("Hip Hop", "hip-hop", ["hip hop", "boom bap", "808", "punchy kick", "rap", "groovy"], 80, 100, [Mode.Minor], Common, 180),
        new("Jazz", "jazz", ["jazz", "swing", "piano", "upright bass", "brushed drums", "saxophone"], 90, 160, [Mode.Major, Mode.Minor], [TimeSignature.FourFour, TimeSignature.ThreeFour], 200),
        new("Classical", "classical", ["classical", "orchestral", "strings", "piano", "elegant"], 60, 110, [Mode.Major, Mode.Minor], [TimeSignature.FourFour, TimeSignature.ThreeFour], 180),
        new("Electronic", "electronic", ["electronic", "edm", "synth lead", "four on the floor", "side-chain", "energetic"], 120, 132, [Mode.Minor], Common, 210),
        new("Country", "country", ["country", "acoustic guitar", "twang", "storytelling", "warm"], 80, 120, [Mode.Major], [TimeSignature.FourFour, TimeSignature.ThreeFour], 180),
        new("Folk", "folk", ["folk", "acoustic guitar", "intimate", "organic", "fingerpicked"], 70, 110, [Mode.Major, Mode.Minor], [TimeSignature.FourFour, TimeSignature.ThreeFour, TimeSignature.SixEight], 180),
        new("Blues", "blues", ["blues", "electric guitar", "shuffle", "organ", "soulful"], 70, 110, [Mode.Major, Mode.Minor], [TimeSignature.FourFour, TimeSignature.SixEight], 200),
        new("Reggae", "reggae", ["reggae", "offbeat guitar skank", "deep bass", "one drop", "laid-back"], 70, 90, [Mode.Major, Mode.Minor], Common, 200),
        new("Latin", "latin", ["latin", "percussion", "syncopated", "nylon guitar", "brass", "danceable"], 90, 130, [Mode.Minor, Mode.Major], Common, 190),
        new("R&B", "rnb", ["r&b", "smooth", "electric piano", "soulful vocals", "groovy bass"], 65, 100, [Mode.Minor, Mode.Major], Common, 200),
        new("Metal", "metal", ["metal", "heavy distorted guitar", "double kick", "aggressive", "powerful"], 120, 180, [Mode.Minor], Common, 220),
        new("Lo-fi", "lo-fi", ["lo-fi", "chill", "dusty drums", "electric piano", "warm", "relaxed"], 70, 90, [Mode.Major, Mode.Minor], Common, 150),
        new("Ambient", "ambient", ["ambient", "atmospheric", "pads", "slow", "spacious", "calm"], 60, 90, [Mode.Major, Mode.Minor], [TimeSignature.FourFour, TimeSignature.ThreeFour], 240),
        new("Cinematic", "cinematic", ["cinematic", "orchestral", "epic", "strings", "brass", "dramatic"], 70, 120, [Mode.Minor], [TimeSignature.FourFour, TimeSignature.SixEight], 180),
    ];

    /// <summary>Finds a preset by display name or slug, ignoring case, spaces, '-' and '_' ("hip_hop", "HipHop", "lofi").</summary>
    public static GenrePreset? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var wanted = Normalise(name);
        return All.FirstOrDefault(p => Normalise(p.Name) == wanted || Normalise(p.Slug) == wanted);
    }

    private static string Normalise(string text) =>
        new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
