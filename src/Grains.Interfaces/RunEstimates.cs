using AudioMusic.Domain;

namespace AudioMusic.Grains;

/// <summary>How long a job is expected to run: a fixed cost per attempt plus the audio it asks for (duration × batch)
/// times the seconds each engine has needed per second of audio on the devices of this cluster (its real-time
/// factor, learnt from completed attempts). An estimate, and documented as one.</summary>
[GenerateSerializer, Immutable]
public sealed record RunEstimates(
    [property: Id(0)] IReadOnlyDictionary<string, double> SecondsPerAudioSecond,
    [property: Id(1)] string DefaultEngine)
{
    /// <summary>Encoding, storing and bookkeeping of an attempt, whatever its length.</summary>
    public const double OverheadSeconds = 0.25;

    /// <summary>What a request with an automatic duration is assumed to ask for (songs; samples: a loop's default).</summary>
    public const double AutoSongSeconds = 150;

    /// <summary>Before an engine has run here: the built-in engine's measured speed on a CPU core (docs/benchmarks.md),
    /// and real time for neural engines.</summary>
    public static double InitialFactor(string engine) => engine == "builtin" ? 0.02 : 1.0;

    public static RunEstimates Initial { get; } = new(new Dictionary<string, double>(), "builtin");

    public static double AudioSeconds(GenerationRequest request)
    {
        var one = request.DurationSeconds is { } d && d > 0 ? d
            : request.Task == MusicTask.Text2Samples ? RequestLimits.DefaultLoopSeconds : AutoSongSeconds;
        return one * Math.Max(1, request.BatchSize);
    }

    public double SecondsFor(GenerationRequest request)
    {
        var engine = request.Model ?? DefaultEngine;
        var factor = SecondsPerAudioSecond.TryGetValue(engine, out var learnt) ? learnt : InitialFactor(engine);
        return OverheadSeconds + AudioSeconds(request) * factor;
    }

    /// <summary>Seconds left of a running attempt: from its progress once that says enough (10 %), before that from
    /// the estimate less the time it has run.</summary>
    public double RemainingFor(GenerationRequest request, double progress, TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        var remaining = progress >= 10 ? seconds * (100 - progress) / progress : SecondsFor(request) - seconds;
        return Math.Round(Math.Max(0, remaining), 1);
    }
}
