using System.Globalization;
using AudioMusic.Domain;
using AudioMusic.Planner.Knowledge;
using AudioMusic.Planner.Query;

namespace AudioMusic.Planner.Musical;

/// <summary>Tempo, key, meter and duration, each from (in order of precedence) the request's own field, a value
/// stated in the query, or genre and mood knowledge with a seeded choice inside the genre's range.</summary>
internal sealed class MusicalChoices(GenerationRequest request, QueryAnalysis analysis, GenreProfile genre, int seed, List<string> notes)
{
    private readonly string _query = analysis.Text.Lower;

    /// <summary>Energy −1…+1 places the tempo in the genre's range (calm → low end, intense → high end:
    /// position = 0.5 + 0.45 × energy) plus a seeded offset of up to ±15 % of the range.</summary>
    public int Bpm()
    {
        if (request.Bpm is { } fixedBpm)
        {
            return Math.Clamp(fixedBpm, RequestLimits.MinBpm, RequestLimits.MaxBpm);
        }
        notes.AddRange(analysis.Explicit.Notes.Where(n => n.StartsWith("tempo", StringComparison.Ordinal)));
        if (analysis.Explicit.Bpm is { } stated)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"tempo {stated} bpm as the query says"));
            return stated;
        }
        var random = PlanRandom.For(seed, _query, "bpm");
        var energy = analysis.Energy ?? 0;
        var position = Math.Clamp(0.5 + 0.45 * energy + (random.NextDouble() - 0.5) * 0.3, 0, 1);
        var bpm = (int)Math.Round(genre.MinBpm + position * (genre.MaxBpm - genre.MinBpm));
        return Math.Clamp(bpm, RequestLimits.MinBpm, RequestLimits.MaxBpm);
    }

    /// <summary>A clear mood picks the mode (sad, dark → minor; happy, bright → major); otherwise the genre's first
    /// mode, or its second about one time in four. The tonic is one idiomatic for the genre four times in five.</summary>
    public KeyScale Key()
    {
        if (request.Key is { } fixedKey)
        {
            return fixedKey;
        }
        if (analysis.Explicit.Key is { } stated)
        {
            notes.Add($"key {stated} as the query says");
            return stated;
        }
        var random = PlanRandom.For(seed, _query, "key");
        var mode = analysis.Valence switch
        {
            <= -0.2 => Mode.Minor,
            >= 0.3 => Mode.Major,
            _ => genre.Modes.Count > 1 && random.Chance(0.25) ? genre.Modes[1] : genre.Modes[0],
        };
        var tonic = random.Chance(0.8) ? random.Pick(genre.TypicalTonics) : random.Next(12);
        return KeyScale.Of(tonic, mode);
    }

    public TimeSignature Meter()
    {
        if (request.TimeSignature is { } fixedMeter)
        {
            return fixedMeter;
        }
        notes.AddRange(analysis.Explicit.Notes.Where(n => n.StartsWith("meter", StringComparison.Ordinal)));
        if (analysis.Explicit.Meter is { } stated)
        {
            notes.Add($"meter {stated} as the query says");
            return stated;
        }
        var random = PlanRandom.For(seed, _query, "meter");
        return genre.Meters.Count > 1 && random.Chance(0.2) ? genre.Meters[1 + random.Next(genre.Meters.Count - 1)] : genre.Meters[0];
    }

    /// <summary>The genre's typical length ±15 %, rounded to 5 s; "short"/"long" pick inside their band.</summary>
    public double DurationSeconds()
    {
        if (request.DurationSeconds is { } fixedDuration)
        {
            return Math.Clamp(fixedDuration, RequestLimits.MinDurationSeconds, RequestLimits.MaxDurationSeconds);
        }
        notes.AddRange(analysis.Explicit.Notes.Where(n => n.StartsWith("duration", StringComparison.Ordinal)));
        if (analysis.Explicit.DurationSeconds is { } stated)
        {
            return stated;
        }
        var random = PlanRandom.For(seed, _query, "duration");
        var seconds = analysis.Explicit.DurationBand is var (min, max)
            ? min + random.NextDouble() * (max - min)
            : genre.TypicalDurationSeconds * (0.85 + 0.3 * random.NextDouble());
        return Math.Clamp(Math.Round(seconds / 5) * 5, RequestLimits.MinDurationSeconds, RequestLimits.MaxDurationSeconds);
    }
}
