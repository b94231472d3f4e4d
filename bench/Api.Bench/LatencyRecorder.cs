using System.Diagnostics;

namespace AudioMusic.Api.Bench;

/// <summary>Collects per-request latencies with the time each request was due (one list per client, so recording needs
/// no lock), reports percentiles from the sorted union, and tells whether the slow requests spread over the whole phase
/// (the host is busy) or bunch up in a few moments (something stalls it).</summary>
public sealed class LatencyRecorder
{
    private readonly List<List<LatencySample>> _perClient = [];

    public List<LatencySample> NewClientList()
    {
        var list = new List<LatencySample>(1 << 14);
        lock (_perClient)
        {
            _perClient.Add(list);
        }
        return list;
    }

    public LatencySummary Summarise(TimeSpan elapsed)
    {
        var all = _perClient.SelectMany(l => l).Select(s => s.LatencyTicks).ToArray();
        Array.Sort(all);
        return new LatencySummary(all.Length, all.Length / elapsed.TotalSeconds,
            Millis(all, 0.50), Millis(all, 0.90), Millis(all, 0.99), all.Length == 0 ? 0 : ToMillis(all[^1]));
    }

    /// <summary>When the first recorded request was due (a Stopwatch timestamp), or 0 when none was.</summary>
    public long FirstDueTimestamp => _perClient.SelectMany(l => l).Select(s => s.DueTimestamp).DefaultIfEmpty().Min();

    /// <summary>The windows of the phase that held requests slower than <paramref name="threshold"/>, worst first.</summary>
    public SlowWindows FindSlowWindows(TimeSpan threshold, TimeSpan window)
    {
        var thresholdTicks = (long)(threshold.TotalSeconds * Stopwatch.Frequency);
        var windowTicks = (long)(window.TotalSeconds * Stopwatch.Frequency);
        var samples = _perClient.SelectMany(l => l).ToArray();
        if (samples.Length == 0)
        {
            return new SlowWindows(0, 0, 0, []);
        }
        var start = FirstDueTimestamp;
        var byWindow = samples.GroupBy(s => (s.DueTimestamp - start) / windowTicks).ToArray();
        var slow = byWindow
            .Select(g => new SlowWindow(
                start + g.Key * windowTicks,
                g.Count(),
                g.Count(s => s.LatencyTicks > thresholdTicks),
                ToMillis(g.Max(s => s.LatencyTicks))))
            .Where(w => w.Slow > 0)
            .OrderByDescending(w => w.Slow)
            .ToList();
        return new SlowWindows(byWindow.Length, samples.Count(s => s.LatencyTicks > thresholdTicks), start, slow);
    }

    private static double Millis(long[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : ToMillis(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)]);

    private static double ToMillis(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>One request: when it was due (Stopwatch timestamp) and how long after that it was answered.</summary>
public readonly record struct LatencySample(long DueTimestamp, long LatencyTicks);

public sealed record LatencySummary(int Count, double PerSecond, double P50Ms, double P90Ms, double P99Ms, double MaxMs)
{
    public override string ToString() =>
        $"{Count,8} requests  {PerSecond,9:F0}/s  p50 {P50Ms,7:F2} ms  p90 {P90Ms,7:F2} ms  p99 {P99Ms,7:F2} ms  max {MaxMs,8:F2} ms";
}

/// <summary>A window (starting at a Stopwatch timestamp) with its request count, how many of them were slow, and the slowest.</summary>
public sealed record SlowWindow(long StartTimestamp, int Requests, int Slow, double MaxMs);

public sealed record SlowWindows(int WindowCount, int SlowRequests, long PhaseStartTimestamp, IReadOnlyList<SlowWindow> Windows);
