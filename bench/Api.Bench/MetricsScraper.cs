using System.Diagnostics;
using System.Globalization;

namespace AudioMusic.Api.Bench;

/// <summary>Scrapes /metrics once a second, as Prometheus would, and keeps how long each scrape took (the first one,
/// which compiles the exporter's code, is left out).</summary>
public static class MetricsScraper
{
    public static async Task<List<double>> RunAsync(Uri server, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = server };
        var durations = new List<double>();
        var cold = true;
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.GetAsync("/metrics", stop);
                await response.Content.ReadAsByteArrayAsync(stop);
                durations.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (durations.Count == 1 && cold)
                {
                    durations.Clear();
                    cold = false;
                }
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
        }
        return durations;
    }

    public static string Describe(List<double> durations)
    {
        if (durations.Count == 0)
        {
            return "no scrape";
        }
        durations.Sort();
        var p50 = durations[durations.Count / 2];
        var p90 = durations[(int)(durations.Count * 0.9)];
        return string.Create(CultureInfo.InvariantCulture, $"{durations.Count} scrapes, p50 {p50:F1} ms, p90 {p90:F1} ms, max {durations[^1]:F1} ms");
    }
}
