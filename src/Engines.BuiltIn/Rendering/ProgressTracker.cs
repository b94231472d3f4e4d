using System.Diagnostics;

namespace AudioMusic.Engines.BuiltIn.Rendering;

/// <summary>Maps the stages of each variation onto one monotonic 0..1 job fraction and forwards updates often
/// enough for a progress bar (every 1 % or 0.1 s) without flooding the caller. Timing only throttles reports;
/// it never influences the audio.</summary>
internal sealed class ProgressTracker
{
    private static readonly Dictionary<string, (double Start, double End)> Stages = new()
    {
        ["composing"] = (0.0, 0.04),
        ["rendering"] = (0.04, 0.5),
        ["vocals"] = (0.5, 0.66),
        ["mixing"] = (0.66, 0.78),
        ["mastering"] = (0.78, 1.0),
    };

    private readonly IProgress<Engines.EngineProgress>? _progress;
    private readonly int _variations;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _reported = -1;
    private string _reportedStage = "";
    private TimeSpan _reportedAt;

    public ProgressTracker(IProgress<Engines.EngineProgress>? progress, int variations)
    {
        _progress = progress;
        _variations = Math.Max(1, variations);
    }

    public int Variation { get; set; }

    public void Report(string stage, double stageFraction)
    {
        var (start, end) = Stages[stage];
        var local = start + (end - start) * Math.Clamp(stageFraction, 0, 1);
        var overall = Math.Max(_reported, Math.Min(1.0, (Variation + local) / _variations));
        var now = _clock.Elapsed;
        if (stage == _reportedStage && overall - _reported < 0.01 && now - _reportedAt < TimeSpan.FromMilliseconds(100) && overall < 1.0)
        {
            return;
        }
        _reported = overall;
        _reportedStage = stage;
        _reportedAt = now;
        _progress?.Report(new Engines.EngineProgress(overall, stage));
    }
}
