using System.Net;
using Xunit.Abstractions;

namespace AudioMusic.Cluster.Tests;

/// <summary>Ten thousand readers connect to event streams and leave: each one's subscription is freed when it goes
/// (the open-stream gauge stays within the readers connected at once and those just gone, and returns to zero), and
/// the process does not grow with the cycles.</summary>
public sealed class EventStreamLeakTests(ITestOutputHelper output) : IDisposable
{
    private const int Cycles = 10_000;
    private const int Concurrency = 16;

    private readonly OneBoxLibrary _library = new("audiomusic-sse-");
    private OneBoxHost? _host;

    [Fact]
    public async Task Ten_thousand_connects_and_disconnects_leave_nothing_behind()
    {
        // No device: the job stays PENDING, so its stream stays open until the reader leaves.
        _host = _library.Start("--Devices:CpuCount=0");
        try
        {
            await _host.WaitForReadyAsync(TimeSpan.FromSeconds(60));
            var id = await _host.SubmitAsync("prompt2instrumental", """{"prompt": "never runs", "duration": 10, "seed": 1}""");
            // A reader that leaves drops its connection, as a closed EventSource does (no draining of the endless body).
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency * 2, MaxResponseDrainSize = 0 })
            {
                BaseAddress = _host.Http.BaseAddress,
                Timeout = TimeSpan.FromSeconds(30),
            };

            await CyclesAsync(client, id, 500);
            var before = _host.Process.ResidentMegabytes();
            var peak = 0.0;
            using var watching = new CancellationTokenSource();
            var watcher = Task.Run(async () =>
            {
                while (!watching.IsCancellationRequested)
                {
                    peak = Math.Max(peak, await OpenStreamsAsync());
                    await Task.Delay(100);
                }
            });
            await CyclesAsync(client, id, Cycles);
            await watching.CancelAsync();
            await watcher;

            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (await OpenStreamsAsync() > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            Assert.Equal(0, await OpenStreamsAsync());
            // A stream counts until the server has noticed its reader left and ended the response, a moment after the
            // close: sampled while readers come and go, at most the readers connected plus as many just gone.
            Assert.InRange(peak, 0, 2 * Concurrency);
            var after = _host.Process.ResidentMegabytes();
            output.WriteLine($"resident {before:0} MB → {after:0} MB over {Cycles} cycles; at most {peak} streams open at once");
            Assert.True(after - before < 60, $"resident memory grew from {before:0} MB to {after:0} MB");
            // The job's grain still answers at once, with no readers piled up behind it.
            var job = await _host.JobAsync(id);
            Assert.Equal("PENDING", job.GetProperty("status").GetString());
        }
        catch
        {
            _library.WriteLogs(output);
            throw;
        }
    }

    /// <summary>Connects, reads the first event (or the retry line of the all-jobs stream) and disconnects, over and over.</summary>
    private static async Task CyclesAsync(HttpClient client, string id, int cycles)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < cycles)
            {
                var path = next % 2 == 0 ? $"/api/v1/music/jobs/{id}/events" : "/api/v1/music/events";
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                Assert.StartsWith("retry:", await reader.ReadLineAsync(), StringComparison.Ordinal);
            }
        }));
    }

    private async Task<double> OpenStreamsAsync()
    {
        var scrape = PrometheusText.Parse(await _host!.Http.GetStringAsync("/metrics"));
        return scrape.Samples.Where(s => s.Name == "audiomusic_sse_subscribers").Sum(s => s.Value);
    }

    public void Dispose() => _library.Dispose();
}
