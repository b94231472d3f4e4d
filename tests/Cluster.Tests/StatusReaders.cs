using System.Collections.Concurrent;
using System.Diagnostics;

namespace AudioMusic.Cluster.Tests;

/// <summary>Clients that read job statuses one request after another, without pause, until told to stop: what a
/// silo's death must not disturb. Shared by the chaos test and bench/Failover.Bench.</summary>
public static class StatusReaders
{
    /// <summary>One read: its HTTP status (0 when no answer came at all) and how long it took.</summary>
    public sealed record Read(int Status, TimeSpan Elapsed);

    public static async Task<List<Read>> ReadWithoutPauseAsync(Uri api, IReadOnlyList<string> ids, int readers, CancellationToken stop)
    {
        var reads = new ConcurrentBag<Read>();
        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        await Task.WhenAll(Enumerable.Range(0, readers).Select(async reader =>
        {
            for (var n = reader; !stop.IsCancellationRequested; n += readers)
            {
                var started = Stopwatch.GetTimestamp();
                int status;
                try
                {
                    using var response = await http.GetAsync($"/api/v1/music/jobs/{ids[n % ids.Count]}/status", CancellationToken.None);
                    status = (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    status = 0;
                }
                reads.Add(new Read(status, Stopwatch.GetElapsedTime(started)));
            }
        }));
        return [.. reads];
    }
}
