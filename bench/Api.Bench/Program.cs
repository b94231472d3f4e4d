using System.Diagnostics;
using AudioMusic.Api.Bench;

// API load: N closed-loop clients submit jobs for a fixed time, then read the status of those jobs for the same time.
// The embedded host runs with no devices, so jobs stay queued and the figures are the API + grain path alone.
var options = LoadOptions.Parse(args);
Console.WriteLine($"AudioMusic API load: {options.Clients} clients, {Loop(options.SubmitRate)} submits, {Loop(options.StatusRate)} status reads, " +
                  $"{options.Duration.TotalSeconds:F0} s per phase " +
                  $"(+{options.Warmup.TotalSeconds:F0} s warm-up), {Environment.ProcessorCount} logical CPUs, server GC {System.Runtime.GCSettings.IsServerGC}, " +
                  $"DOTNET_GCgen0size {Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "unset"}");

EmbeddedHost? host = null;
var target = options.Url;
string? key = null;
if (target is null)
{
    const string adminKey = "api-bench-admin-key-0123456789-abcdefgh";
    host = await EmbeddedHost.StartAsync(options.Storage, options.Telemetry, options.Keys ? ["--Auth:Mode=ApiKeys", $"--Auth:AdminKey={adminKey}"] : []);
    target = host.Address;
    Console.WriteLine($"embedded host at {target} (Devices:CpuCount=0, Queue:Capacity=10000000, storage {options.Storage}, telemetry {(options.Telemetry ? "on" : "off")}, keys {(options.Keys ? "on" : "off")})");
    if (options.Keys)
    {
        key = await TenantKey.CreateAsync(target, adminKey);
    }
}

var runner = new LoadRunner(target, options.Clients, key);
var cpu = Process.GetCurrentProcess();
using var gc = new GcPauseMonitor(sampleAllocations: options.Profile);

var cpuBefore = cpu.TotalProcessorTime;
var machineBefore = MachineCpu.Sample();
var gcWindow = ForgetGcOfWarmup();
// With telemetry on, Prometheus' scrape (once a second, as a busy scraper would) runs through the submit phase.
using var scraping = new CancellationTokenSource();
var scrapes = options.Telemetry ? MetricsScraper.RunAsync(target, scraping.Token) : Task.FromResult(new List<double>());
var submits = await runner.SubmitPhaseAsync(options.Warmup, options.Duration, options.SubmitRate);
await scraping.CancelAsync();
await gcWindow;
if (options.Telemetry)
{
    Console.WriteLine($"metrics (GET /metrics under the submit load)  {MetricsScraper.Describe(await scrapes)}");
}
Console.WriteLine($"submit  (POST /api/v1/music/text2music)       {submits}  {CpuNote(cpuBefore, machineBefore)}");
var submitsGc = gc.TakeSummary();
Console.WriteLine($"        {PerRequest(submitsGc, submits)}");
PrintSlowWindows(runner.LastRecorder!, submitsGc);

cpuBefore = cpu.TotalProcessorTime;
machineBefore = MachineCpu.Sample();
gcWindow = ForgetGcOfWarmup();
var reads = await runner.StatusPhaseAsync(options.Warmup, options.Duration, options.StatusRate);
await gcWindow;
Console.WriteLine($"status  (GET /api/v1/music/jobs/{{id}}/status)  {reads}  {CpuNote(cpuBefore, machineBefore)}");
var readsGc = gc.TakeSummary();
Console.WriteLine($"        {PerRequest(readsGc, reads)}");
PrintSlowWindows(runner.LastRecorder!, readsGc);
if (options.Profile)
{
    // Stopwatch counts CLOCK_MONOTONIC nanoseconds on Linux, the clock `perf record -k CLOCK_MONOTONIC` stamps samples
    // with: this lines a CPU profile up with the slow windows above.
    Console.WriteLine($"profile: status phase measured from monotonic {(double)runner.LastRecorder!.FirstDueTimestamp / Stopwatch.Frequency:F3} s");
}

if (options.Profile)
{
    var live = await runner.LivenessPhaseAsync(options.Warmup, options.Duration);
    Console.WriteLine($"profile: GET /health/live (no grain)         {live}");
    if (host is not null)
    {
        var views = await GrainProbe.ReadViewsAsync(host.Services.GetRequiredService<IGrainFactory>(), runner.SubmittedIds.ToArray(), options.Clients, options.Duration);
        Console.WriteLine($"profile: IJobGrain.GetView in process         {views}");
    }
}
Console.WriteLine($"jobs submitted: {runner.SubmittedIds.Count}, failed requests: {runner.Failures}");

if (host is not null)
{
    await host.DisposeAsync();
}
return runner.Failures == 0 ? 0 : 1;

static string Loop(double? rate) => rate is { } perSecond ? $"open loop at {perSecond:F0}/s" : "closed loop";

// The GC figures of a phase cover its measured window only, like its latencies.
async Task ForgetGcOfWarmup()
{
    await Task.Delay(options.Warmup);
    gc.TakeSummary();
}

// Client and server share one heap, so the allocation covers both ends of a request too.
static string PerRequest(GcSummary gc, LatencySummary phase) =>
    $"{gc}; {gc.AllocatedBytes / 1e3 / Math.Max(1, phase.Count):F1} KB allocated per request" +
    string.Concat(gc.TopAllocatedTypes.Select(t => $"\n          {t.SampledBytes / 1e3 / Math.Max(1, phase.Count),6:F2} KB/request  {t.Type}"));

static string NoneIfEmpty(string text) => text.Length == 0 ? "none" : text;

// Slow requests spread evenly mean a busy host; bunched in a few windows they mean a stall, and the GC pauses of those
// windows say whether the collector is the one.
static void PrintSlowWindows(LatencyRecorder recorder, GcSummary gc)
{
    var window = TimeSpan.FromMilliseconds(100);
    var slow = recorder.FindSlowWindows(TimeSpan.FromMilliseconds(25), window);
    Console.WriteLine($"        {slow.SlowRequests} requests over 25 ms, in {slow.Windows.Count} of {slow.WindowCount} windows of {window.TotalMilliseconds:F0} ms{(slow.Windows.Count > 0 ? "; worst:" : "")}");
    foreach (var w in slow.Windows.Take(8))
    {
        var end = w.StartTimestamp + (long)(window.TotalSeconds * Stopwatch.Frequency);
        // A pause that began up to 50 ms before the window still delays requests due in it.
        var pauses = gc.Pauses.Where(p => p.StartTimestamp < end && p.StartTimestamp >= w.StartTimestamp - Stopwatch.Frequency / 20)
            .Select(p => $"gen{p.Generation} {p.Duration.TotalMilliseconds:F1} ms");
        Console.WriteLine($"          +{Stopwatch.GetElapsedTime(slow.PhaseStartTimestamp, w.StartTimestamp).TotalSeconds,6:F1} s  {w.Slow,4} of {w.Requests,4} slow, " +
                          $"max {w.MaxMs,6:F1} ms; GC pauses near: {NoneIfEmpty(string.Join(", ", pauses))}");
    }
}

// Client and server share this process, so the CPU time covers both ends of every request.
string CpuNote(TimeSpan before, MachineCpuSample? machineBefore)
{
    cpu.Refresh();
    var ownCpu = cpu.TotalProcessorTime - before;
    var used = ownCpu.TotalSeconds;
    return $"process CPU {used:F1} s, {runner.LastPhaseCompleted / used:F0} requests per CPU-second; " +
           MachineCpu.Describe(machineBefore, MachineCpu.Sample(), ownCpu);
}
