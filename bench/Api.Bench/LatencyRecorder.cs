using System.Diagnostics;

namespace AudioMusic.Api.Bench;

/// <summary>Collects per-request latencies (one list per client, so recording needs no lock) and reports percentiles
/// from the sorted union.</summary>
public sealed class LatencyRecorder
{
    private readonly List<List<long>> _perClient = [];

    public List<long> NewClientList()
    {
        var list = new List<long>(1 << 14);
        lock (_perClient)
        {
            _perClient.Add(list);
        }
        return list;
    }

    public LatencySummary Summarise(TimeSpan elapsed)
    {
        var all = _perClient.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LatencySummary(all.Length, all.Length / elapsed.TotalSeconds,
            Millis(all, 0.50), Millis(all, 0.90), Millis(all, 0.99), all.Length == 0 ? 0 : ToMillis(all[^1]));
    }

    private static double Millis(long[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : ToMillis(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)]);

    private static double ToMillis(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

public sealed record LatencySummary(int Count, double PerSecond, double P50Ms, double P90Ms, double P99Ms, double MaxMs)
{
    public override string ToString() =>
        $"{Count,8} requests  {PerSecond,9:F0}/s  p50 {P50Ms,7:F2} ms  p90 {P90Ms,7:F2} ms  p99 {P99Ms,7:F2} ms  max {MaxMs,8:F2} ms";
}
