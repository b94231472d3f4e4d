using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace AudioMusic.Api.Bench;

/// <summary>Runs one phase of load until the deadline; requests that started during the warm-up are not recorded.
/// Closed loop (no rate): every client sends its next request as soon as the previous one answers, which finds the
/// most the host can serve. Open loop (a rate): requests are due at fixed intervals and the clients take them in turn;
/// a request's latency counts from when it was due, so a host that falls behind shows it (no coordinated omission).
/// With <paramref name="key"/>, every request carries it (a host with API keys on).</summary>
public sealed class LoadRunner(Uri server, int clients, string? key = null)
{
    public const string SubmitBody = """{"caption": "upbeat synth pop, female vocals", "duration": 30, "seed": 7, "format": "flac"}""";

    public ConcurrentBag<string> SubmittedIds { get; } = [];

    public int Failures => _failures;

    private int _failures;

    private int _phaseCompleted;

    /// <summary>The samples of the last phase, for finding where its slow requests happened.</summary>
    public LatencyRecorder? LastRecorder { get; private set; }

    /// <summary>Successful requests of the last phase, warm-up included: divided by the process CPU time of the whole
    /// phase it gives requests per CPU-second, a figure that survives a machine shared with other work.</summary>
    public int LastPhaseCompleted => _phaseCompleted;

    public Task<LatencySummary> SubmitPhaseAsync(TimeSpan warmup, TimeSpan duration, double? rate = null)
    {
        var submit = RawHttpConnection.PostJson(server, "/api/v1/music/text2music", SubmitBody, key);
        return RunAsync(warmup, duration, rate, async connection =>
        {
            var (status, body) = await connection.SendAsync(submit);
            if (status != 202)
            {
                return false;
            }
            using var document = JsonDocument.Parse(body);
            SubmittedIds.Add(document.RootElement.GetProperty("job").GetProperty("id").GetString()!);
            return true;
        });
    }

    public Task<LatencySummary> StatusPhaseAsync(TimeSpan warmup, TimeSpan duration, double? rate = null)
    {
        // The requests are prepared before the phase, so the load generator spends nothing on them while it measures.
        var reads = SubmittedIds.Select(id => RawHttpConnection.Get(server, $"/api/v1/music/jobs/{id}/status", key)).ToArray();
        if (reads.Length == 0)
        {
            throw new InvalidOperationException("no job was submitted, so there is nothing to read");
        }
        return RunAsync(warmup, duration, rate, async connection =>
            (await connection.SendAsync(reads[Random.Shared.Next(reads.Length)])).Status == 200);
    }

    /// <summary>For the profile: the cheapest route the host has (no grain call), to separate HTTP cost from grain cost.</summary>
    public Task<LatencySummary> LivenessPhaseAsync(TimeSpan warmup, TimeSpan duration)
    {
        var live = RawHttpConnection.Get(server, "/health/live");
        return RunAsync(warmup, duration, null, async connection => (await connection.SendAsync(live)).Status == 200);
    }

    private async Task<LatencySummary> RunAsync(TimeSpan warmup, TimeSpan duration, double? rate, Func<RawHttpConnection, Task<bool>> request)
    {
        var recorder = new LatencyRecorder();
        LastRecorder = recorder;
        _phaseCompleted = 0;
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var end = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var interval = rate is { } perSecond ? Stopwatch.Frequency / perSecond : 0;
        long nextDue = -1;
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            using var connection = await RawHttpConnection.OpenAsync(server);
            var latencies = recorder.NewClientList();
            while (true)
            {
                var due = Stopwatch.GetTimestamp();
                if (rate is not null)
                {
                    due = start + (long)(Interlocked.Increment(ref nextDue) * interval);
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                    if (wait > TimeSpan.FromMilliseconds(1))
                    {
                        await Task.Delay(wait);
                    }
                }
                if (due >= end)
                {
                    return;
                }
                var ok = await request(connection);
                var after = Stopwatch.GetTimestamp();
                if (!ok)
                {
                    Interlocked.Increment(ref _failures);
                }
                else
                {
                    Interlocked.Increment(ref _phaseCompleted);
                    // Open loop: every request due in the window counts, however late it finishes (dropping the
                    // slow ones at the end would flatter a host that falls behind).
                    if (due >= measureFrom && (rate is not null || after <= end))
                    {
                        latencies.Add(new LatencySample(due, after - due));
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return recorder.Summarise(duration);
    }
}
