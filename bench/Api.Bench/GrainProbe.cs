using System.Diagnostics;
using AudioMusic.Grains;

namespace AudioMusic.Api.Bench;

/// <summary>Profile helper: reads job views straight from the grains, in process, with the same concurrency as the
/// HTTP clients. Comparing its rate with the HTTP status rate shows how much of a status read is HTTP + JSON.</summary>
public static class GrainProbe
{
    public static async Task<LatencySummary> ReadViewsAsync(IGrainFactory grains, string[] ids, int clients, TimeSpan duration)
    {
        var recorder = new LatencyRecorder();
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var latencies = recorder.NewClientList();
            while (Stopwatch.GetTimestamp() < end)
            {
                var before = Stopwatch.GetTimestamp();
                var view = await grains.GetGrain<IJobGrain>(ids[Random.Shared.Next(ids.Length)]).GetView();
                if (view is null)
                {
                    throw new InvalidOperationException("a submitted job has no view");
                }
                latencies.Add(new LatencySample(before, Stopwatch.GetTimestamp() - before));
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return recorder.Summarise(duration);
    }
}
