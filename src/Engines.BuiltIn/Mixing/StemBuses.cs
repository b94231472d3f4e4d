namespace AudioMusic.Engines.BuiltIn.Mixing;

/// <summary>One bus per stem beside the main mix: every source the main bus receives is also added, with the same
/// gain, pan and send, to the bus of the stem it belongs to. The main mix stays exactly what it is without stems.</summary>
internal sealed class StemBuses
{
    public const string Vocals = "vocals";
    public const string Drums = "drums";
    public const string Bass = "bass";
    public const string Other = "other";

    /// <summary>The stems in the order clients see them.</summary>
    public static IReadOnlyList<string> Names { get; } = [Vocals, Drums, Bass, Other];

    private readonly Dictionary<string, MixBus> _buses;

    public StemBuses(int frames) => _buses = Names.ToDictionary(n => n, _ => new MixBus(frames));

    public MixBus this[string stem] => _buses[stem];

    /// <summary>The stem of an arrangement part: the bass part is "bass", every other pitched part "other".</summary>
    public MixBus ForPart(string role) => _buses[role == Bass ? Bass : Other];
}
