namespace AudioMusic.Grains.Queue;

/// <summary>The seconds each engine has needed per second of audio on each kind of device, learnt from completed
/// attempts: the median of the last <see cref="Window"/>, so one outlier (the first job's JIT compilation, a long
/// garbage collection) does not move the estimates, while a changed machine or model shows within a few jobs. Soft
/// state of the queue grain: a rebuilt queue starts again from the initial factors.</summary>
public sealed class RealTimeFactors
{
    public const int Window = 9;

    private readonly Dictionary<(string Engine, string Kind), Queue<double>> _observed = [];

    public void Record(string engine, string kind, RunReport run)
    {
        if (run.AudioSeconds <= 0)
        {
            return;
        }
        var key = (engine, kind);
        if (!_observed.TryGetValue(key, out var recent))
        {
            _observed[key] = recent = new Queue<double>(Window);
        }
        if (recent.Count == Window)
        {
            recent.Dequeue();
        }
        recent.Enqueue(Math.Max(0, run.RunSeconds - RunEstimates.OverheadSeconds) / run.AudioSeconds);
    }

    /// <summary>Each engine's factor over the live devices that can run it (their mean: the queue does not know which
    /// device a job will get).</summary>
    public RunEstimates For(IEnumerable<DeviceRegistration> devices, string defaultEngine)
    {
        var byEngine = devices
            .SelectMany(d => d.Engines.Where(e => e.Available).Select(e => (e.Name, Factor: Factor(e.Name, d.Kind))))
            .GroupBy(e => e.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Average(e => e.Factor), StringComparer.Ordinal);
        return new RunEstimates(byEngine, defaultEngine);
    }

    private double Factor(string engine, string kind) =>
        _observed.TryGetValue((engine, kind), out var recent) ? Median(recent) : RunEstimates.InitialFactor(engine);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
