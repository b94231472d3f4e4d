using AudioMusic.Domain;

namespace AudioMusic.Engines.BuiltIn.Caption;

public enum SingerKind
{
    Male,
    Female,
    Choir,
}

/// <summary>What the lexicon understood from a caption. Null/empty means "the caption did not say".</summary>
public sealed record CaptionAnalysis
{
    public Genre? Genre { get; init; }
    public Mood? Mood { get; init; }
    /// <summary>0 (very soft) … 1 (very intense).</summary>
    public double? Energy { get; init; }
    public TempoFeel? TempoFeel { get; init; }
    public IReadOnlyList<InstrumentKind> Instruments { get; init; } = [];
    public SingerKind? Singer { get; init; }
    /// <summary>Vocal delivery words ("breathy", "powerful", "rap") in the order found.</summary>
    public IReadOnlyList<string> VocalStyles { get; init; } = [];
    public int? Bpm { get; init; }
    public KeyScale? Key { get; init; }
    public TimeSignature? Meter { get; init; }
    /// <summary>The lexicon entries that matched, for diagnostics and tests.</summary>
    public IReadOnlyList<string> MatchedTerms { get; init; } = [];

    public bool WantsRap => VocalStyles.Contains("rap");

    /// <summary>Fills what this analysis left open from a weaker source (caption words over preset tags).</summary>
    public CaptionAnalysis Over(CaptionAnalysis weaker) => new()
    {
        Genre = Genre ?? weaker.Genre,
        Mood = Mood ?? weaker.Mood,
        Energy = Energy ?? weaker.Energy,
        TempoFeel = TempoFeel ?? weaker.TempoFeel,
        Instruments = Instruments.Concat(weaker.Instruments).Distinct().ToArray(),
        Singer = Singer ?? weaker.Singer,
        VocalStyles = VocalStyles.Concat(weaker.VocalStyles).Distinct().ToArray(),
        Bpm = Bpm ?? weaker.Bpm,
        Key = Key ?? weaker.Key,
        Meter = Meter ?? weaker.Meter,
        MatchedTerms = MatchedTerms.Concat(weaker.MatchedTerms).ToArray(),
    };
}
