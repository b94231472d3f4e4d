namespace AudioMusic.Domain;

/// <summary>The meters the service supports: 2/4, 3/4, 4/4 and 6/8.</summary>
[GenerateSerializer, Immutable]
public readonly record struct TimeSignature([property: Id(0)] int Beats, [property: Id(1)] int Unit)
{
    public static readonly TimeSignature TwoFour = new(2, 4);
    public static readonly TimeSignature ThreeFour = new(3, 4);
    public static readonly TimeSignature FourFour = new(4, 4);
    public static readonly TimeSignature SixEight = new(6, 8);

    public static IReadOnlyList<TimeSignature> All { get; } = [TwoFour, ThreeFour, FourFour, SixEight];

    /// <summary>Accepts "2/4", "3/4", "4/4", "6/8" and the bare numerators "2", "3", "4", "6".</summary>
    public static bool TryParse(string? text, out TimeSignature signature)
    {
        signature = (text?.Trim()) switch
        {
            "2/4" or "2" => TwoFour,
            "3/4" or "3" => ThreeFour,
            "4/4" or "4" => FourFour,
            "6/8" or "6" => SixEight,
            _ => default,
        };
        return signature.Beats != 0;
    }

    public static TimeSignature Parse(string text) =>
        TryParse(text, out var ts) ? ts : throw new FormatException($"'{text}' is not one of 2/4, 3/4, 4/4, 6/8.");

    /// <summary>Quarter-note beats per bar: the unit a bpm counts (6/8 has 3 quarter notes, felt as 2 dotted beats).</summary>
    public double QuarterNotesPerBar => Beats * 4.0 / Unit;

    /// <summary>Beats the listener taps per bar: 2 dotted quarters in 6/8, otherwise the numerator.</summary>
    public int PulsesPerBar => this == SixEight ? 2 : Beats;

    public override string ToString() => $"{Beats}/{Unit}";
}
