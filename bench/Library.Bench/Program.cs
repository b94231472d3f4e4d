using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AudioMusic.ApiHost.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

// The one-box library over time, on the embedded host in this process:
//   songs:   renders --songs short songs (10 s instrumentals, 2 at a time) into a fresh library and prints the resident
//            set and the managed heap every --every songs: flat means memory does not grow with the library;
//   restart: fills a fresh library with --jobs queued jobs (no device, so they stay PENDING), stops the host, and times
//            the next start until /health/ready and the first listing page.
// Run in Release: dotnet run -c Release --project bench/Library.Bench -- songs [--songs 2000] [--every 250]
//                 dotnet run -c Release --project bench/Library.Bench -- restart [--jobs 10000]
var mode = args.FirstOrDefault() ?? "songs";
var library = Directory.CreateTempSubdirectory("library-bench-").FullName;
try
{
    Console.WriteLine($"AudioMusic library bench ({mode}), {Environment.ProcessorCount} logical CPUs, library {library}");
    return mode switch
    {
        "songs" => await SongsAsync(library, Option("--songs", 2000), Option("--every", 250)),
        "restart" => await RestartAsync(library, Option("--jobs", 10_000)),
        _ => throw new ArgumentException($"unknown mode '{mode}' (songs or restart)"),
    };
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(library, recursive: true);
}

async Task<int> SongsAsync(string directory, int songs, int every)
{
    await using var host = await StartAsync(directory, cpuCount: 1);
    var http = host.Client;
    Console.WriteLine($"{"songs",7} {"resident MB",12} {"managed MB",11} {"library MB",11} {"s",7}");
    var clock = Stopwatch.StartNew();
    Report(0);
    var next = 0;
    var done = 0;
    // Two in flight: one rendering, one queued, so the device never idles waiting for the client.
    var workers = Enumerable.Range(0, 2).Select(async _ =>
    {
        while (true)
        {
            var n = Interlocked.Increment(ref next);
            if (n > songs)
            {
                return;
            }
            var id = await SubmitAsync(http, string.Create(CultureInfo.InvariantCulture,
                $$"""{"prompt": "library song {{n}}", "duration": 10, "seed": {{n}}}"""));
            await WaitCompletedAsync(http, id);
            var count = Interlocked.Increment(ref done);
            if (count % every == 0)
            {
                Report(count);
            }
        }
    }).ToList();
    await Task.WhenAll(workers);
    return 0;

    void Report(int count)
    {
        // A full collection first: what is left is what the host keeps, not garbage not yet collected.
        var managed = GC.GetTotalMemory(forceFullCollection: true) / 1e6;
        using var self = Process.GetCurrentProcess();
        var size = new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) / 1e6;
        Console.WriteLine($"{count,7} {self.WorkingSet64 / 1e6,12:F0} {managed,11:F0} {size,11:F0} {clock.Elapsed.TotalSeconds,7:F0}");
    }
}

async Task<int> RestartAsync(string directory, int jobs)
{
    await using (var filling = await StartAsync(directory, cpuCount: 0))
    {
        var clock = Stopwatch.StartNew();
        var tasks = new List<Task>();
        for (var n = 0; n < jobs; n++)
        {
            tasks.Add(SubmitAsync(filling.Client, string.Create(CultureInfo.InvariantCulture, $$"""{"prompt": "queued song {{n}}", "duration": 10, "seed": {{n}}}""")));
            if (tasks.Count == 64)
            {
                await Task.WhenAll(tasks);
                tasks.Clear();
            }
        }
        await Task.WhenAll(tasks);
        Console.WriteLine($"filled the library with {jobs} queued jobs in {clock.Elapsed.TotalSeconds:F1} s");
    }
    var started = Stopwatch.StartNew();
    await using var restarted = await StartAsync(directory, cpuCount: 0);
    var ready = started.Elapsed;
    var page = await restarted.Client.GetFromJsonAsync<JsonElement>("/api/v1/music/jobs?limit=50");
    var listed = started.Elapsed;
    var counts = await restarted.Client.GetFromJsonAsync<JsonElement>("/api/v1/music/jobs/counts");
    var snapshot = await restarted.Client.GetFromJsonAsync<JsonElement>("/api/v1/music/model/status");
    Console.WriteLine($"restart with {counts.GetProperty("total")} jobs: ready in {ready.TotalSeconds:F2} s, first page ({page.GetProperty("jobs").GetArrayLength()} jobs) at {listed.TotalSeconds:F2} s, " +
                      $"queue holds {snapshot.GetProperty("queue").GetProperty("depth")}");
    return 0;
}

static async Task<string> SubmitAsync(HttpClient http, string json)
{
    using var response = await http.PostAsync("/api/v1/music/prompt2instrumental", new StringContent(json, Encoding.UTF8, "application/json"));
    var body = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"submit: {(int)response.StatusCode} {body}");
    }
    return JsonDocument.Parse(body).RootElement.GetProperty("job").GetProperty("id").GetString()!;
}

static async Task WaitCompletedAsync(HttpClient http, string id)
{
    while (true)
    {
        var job = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/music/jobs/{id}/status")).GetProperty("job");
        var status = job.GetProperty("status").GetString();
        if (status == "COMPLETED")
        {
            return;
        }
        if (status is "FAILED" or "CANCELLED")
        {
            throw new InvalidOperationException($"{id} ended {status}");
        }
        await Task.Delay(50);
    }
}

static async Task<Host> StartAsync(string directory, int cpuCount)
{
    var app = ApiHostApp.Build(
    [
        "--urls=http://127.0.0.1:0",
        $"--Storage:DataDirectory={directory}",
        $"--Devices:CpuCount={cpuCount}",
        "--Queue:Capacity=1000000",
        "--Logging:LogLevel:Default=Warning",
    ]);
    await app.StartAsync();
    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
    while (!(await client.GetAsync("/health/ready")).IsSuccessStatusCode)
    {
        await Task.Delay(20);
    }
    return new Host(app, client);
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

sealed record Host(WebApplication App, HttpClient Client) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
