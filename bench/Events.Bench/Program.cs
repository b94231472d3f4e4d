using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using AudioMusic.Api.Bench;
using AudioMusic.Grains.Webhooks;
using AudioMusic.TestSupport;

// Live events on the embedded default (a one-box library in a temporary folder), in this process:
//   1. memory: 100 queued jobs (no device) and --subscribers event streams on them; the managed heap and resident set
//      before and with the streams open, per subscriber;
//   2. latency: 100 jobs running on the embedded default's CPU device, --subscribers streams (spread over the jobs) and a webhook for every
//      event of every job; each event's latency from its timestamp in the JobGrain to its receipt by each reader, and
//      the transitions every reader and the receiver must have seen (lost = missing);
//   3. webhooks: --deliveries deliveries handed straight to delivery grains, until a local receiver has taken them all.
// Run in Release: dotnet run -c Release --project bench/Events.Bench -- [--subscribers 1000] [--jobs 100] [--deliveries 5000]
var subscribers = Option("--subscribers", 1000);
var jobs = Option("--jobs", 100);
var deliveries = Option("--deliveries", 5000);
Console.WriteLine($"AudioMusic events bench: {jobs} jobs, {subscribers} subscribers, {deliveries} webhook deliveries, {Environment.ProcessorCount} logical CPUs");
await using var receiver = await WebhookReceiver.StartAsync();

// 1. Memory per subscriber.
{
    await using var host = await StartAsync(devices: 0);
    var ids = await SubmitAsync(host, jobs, callback: null);
    var (heapBefore, residentBefore) = Memory();
    var readers = await Readers.OpenAsync(host.Address, ids, subscribers);
    await Task.Delay(2000);
    var (heapWith, residentWith) = Memory();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"memory: {readers.Count} streams open: managed heap {heapBefore / 1e6:F1} → {heapWith / 1e6:F1} MB ({(heapWith - heapBefore) / 1e3 / readers.Count:F1} KB per subscriber), " +
        $"resident {residentBefore / 1e6:F0} → {residentWith / 1e6:F0} MB ({(residentWith - residentBefore) / 1e3 / readers.Count:F1} KB per subscriber; client and server share the process)"));
    await readers.DisposeAsync();
}

// 2. Latency and losses with jobs running and webhooks for every event.
{
    // The embedded default's one CPU device: rendering on every core would starve the threads that write the streams.
    await using var host = await StartAsync(devices: 1);
    var clock = Stopwatch.StartNew();
    var ids = await SubmitAsync(host, jobs, receiver.Url);
    var readers = await Readers.OpenAsync(host.Address, ids, subscribers);
    await readers.WaitAllCompletedAsync(TimeSpan.FromMinutes(10));
    var elapsed = clock.Elapsed;
    var latencies = readers.Latencies();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"sse: {latencies.Count} events to {readers.Count} subscribers in {elapsed.TotalSeconds:F1} s; latency p50 {Percentile(latencies, 0.5):F1} ms, " +
        $"p99 {Percentile(latencies, 0.99):F1} ms, max {latencies.Max():F1} ms; transitions lost: {readers.LostTransitions()}"));
    await readers.DisposeAsync();
    var deadline = DateTime.UtcNow.AddSeconds(60);
    while (receiver.Received.Count(r => r.Json.GetProperty("type").GetString() == "job.completed") < jobs && DateTime.UtcNow < deadline)
    {
        await Task.Delay(200);
    }
    var got = receiver.Received.ToList();
    var lostHooks = ids.Sum(id => new[] { "job.queued", "job.started", "job.completed" }
        .Count(type => !got.Any(r => r.Json.GetProperty("type").GetString() == type && r.Json.GetProperty("data").GetProperty("job").GetProperty("id").GetString() == id)));
    var hookLatency = got.Select(r => (r.ReceivedAt - r.Json.GetProperty("timestamp").GetDateTimeOffset()).TotalMilliseconds).ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"webhooks beside them: {got.Count} deliveries ({got.Count(r => r.Json.GetProperty("type").GetString() == "job.progress")} progress); latency p50 {Percentile(hookLatency, 0.5):F1} ms, " +
        $"p99 {Percentile(hookLatency, 0.99):F1} ms; transitions lost: {lostHooks}"));
}

// 3. Webhook deliveries per second, each stored, signed and posted.
{
    var before = receiver.Received.Count;
    await using var host = await StartAsync(devices: 0);
    var grains = host.Services.GetRequiredService<IGrainFactory>();
    var body = "{\"type\":\"bench\"}";
    var clock = Stopwatch.StartNew();
    await Parallel.ForEachAsync(Enumerable.Range(0, deliveries), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
    {
        var id = WebhookIds.For("bench", i);
        await grains.GetGrain<IWebhookDeliveryGrain>(id).Start(new WebhookDelivery(id, "bench", i, "job.completed", receiver.Url, body, DateTimeOffset.UtcNow));
    });
    var handedOver = clock.Elapsed;
    while (receiver.Received.Count - before < deliveries && clock.Elapsed < TimeSpan.FromMinutes(5))
    {
        await Task.Delay(50);
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"webhooks: {receiver.Received.Count - before} of {deliveries} delivered in {clock.Elapsed.TotalSeconds:F1} s ({(receiver.Received.Count - before) / clock.Elapsed.TotalSeconds:F0}/s; " +
        $"handing them over took {handedOver.TotalSeconds:F1} s)"));
}
return 0;

// The embedded default with a fresh one-box library, allowed to post to the local receiver.
static Task<EmbeddedHost> StartAsync(int devices) =>
    EmbeddedHost.StartAsync("sqlite", telemetry: true, $"--Devices:CpuCount={devices}", "--Webhooks:AllowedHosts:0=127.0.0.1",
        "--Orleans:ClusterId=events-bench");

static async Task<List<string>> SubmitAsync(EmbeddedHost host, int count, string? callback)
{
    using var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(60) };
    var ids = new List<string>();
    for (var i = 0; i < count; i++)
    {
        var hook = callback is null ? "" : $$""", "callback_url": "{{callback}}", "webhook_events_filter": ["queued", "started", "progress", "completed", "failed"]""";
        using var response = await client.PostAsync("/api/v1/music/prompt2instrumental", new StringContent(
            string.Create(CultureInfo.InvariantCulture, $$"""{"prompt": "event bench {{i}}", "duration": 30, "seed": {{i}}{{hook}}}"""), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"submit: {(int)response.StatusCode} {text}");
        }
        ids.Add(JsonDocument.Parse(text).RootElement.GetProperty("job").GetProperty("id").GetString()!);
    }
    return ids;
}

static (long Heap, long Resident) Memory()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    using var self = Process.GetCurrentProcess();
    return (GC.GetTotalMemory(forceFullCollection: true), self.WorkingSet64);
}

static double Percentile(List<double> values, double p)
{
    if (values.Count == 0)
    {
        return double.NaN;
    }
    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
