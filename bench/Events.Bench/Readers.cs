using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

/// <summary>Event-stream readers spread over jobs, as a browser's EventSource reads them: each keeps the ids and types
/// it saw and, per live event, the time from the event's timestamp (set in the JobGrain) to its receipt here.</summary>
sealed class Readers : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly ConcurrentBag<double> _latencies = [];
    private readonly ConcurrentDictionary<int, List<(long Id, string Type)>> _seen = new();
    private int _completed;

    private Readers(HttpClient client) => _client = client;

    public int Count => _loops.Count;

    public static async Task<Readers> OpenAsync(Uri server, IReadOnlyList<string> jobIds, int count)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = count + 16, MaxResponseDrainSize = 0 };
        var readers = new Readers(new HttpClient(handler) { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan });
        var opened = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            var connected = new TaskCompletionSource();
            readers._loops.Add(readers.ReadAsync(i, jobIds[i % jobIds.Count], connected));
            opened.Add(connected.Task);
        }
        await Task.WhenAll(opened);
        return readers;
    }

    public async Task WaitAllCompletedAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Volatile.Read(ref _completed) < Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }

    public List<double> Latencies() => [.. _latencies];

    /// <summary>Transitions a reader should have seen and did not: each must see 1,000,000, 2,000,000 and 3,000,000
    /// (queued, started, completed) and nothing out of order.</summary>
    public int LostTransitions() => _seen.Values.Sum(events =>
    {
        var transitions = events.Where(e => e.Id % 1_000_000 == 0).Select(e => e.Id).ToList();
        var expected = new long[] { 1_000_000, 2_000_000, 3_000_000 };
        var ordered = events.Select(e => e.Id).Zip(events.Select(e => e.Id).Skip(1)).All(p => p.First < p.Second);
        return expected.Count(e => !transitions.Contains(e)) + (ordered ? 0 : 1);
    });

    private async Task ReadAsync(int reader, string jobId, TaskCompletionSource connected)
    {
        var seen = _seen.GetOrAdd(reader, _ => []);
        try
        {
            using var response = await _client.GetAsync($"/api/v1/music/jobs/{jobId}/events", HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            var connectedAt = DateTimeOffset.UtcNow;
            connected.TrySetResult();
            using var lines = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
            long id = 0;
            string type = "";
            while (await lines.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = long.Parse(line[4..], CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    var received = DateTimeOffset.UtcNow;
                    using var data = JsonDocument.Parse(line[6..]);
                    var at = data.RootElement.GetProperty("at").GetDateTimeOffset();
                    // Replayed events (from before the reader connected) are history, not latency.
                    if (at >= connectedAt)
                    {
                        _latencies.Add((received - at).TotalMilliseconds);
                    }
                    seen.Add((id, type));
                    if (type == "job.completed")
                    {
                        Interlocked.Increment(ref _completed);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Closed by the bench.
        }
        finally
        {
            connected.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        _client.Dispose();
        _stop.Dispose();
    }
}
