using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using AudioMusic.Cluster.Tests;
using Npgsql;

// What a silo's death costs, measured: three silo processes and a client-mode API host on a fresh PostgreSQL database.
// Each round submits a long job, waits until it runs, kills its silo with -9 and times: kill → declared dead (the
// membership table), kill → the job queued again, kill → the job completed; meanwhile four readers poll job statuses
// without pause, and the round reports their errors and p99. The killed silo is started again before the next round.
// Usage: dotnet run -c Release --project bench/Failover.Bench -- --postgres "Host=…;Username=…;Password=…" [--kills 10]
var admin = Option("--postgres") ?? Environment.GetEnvironmentVariable("AUDIOMUSIC_TEST_POSTGRES")
    ?? throw new ArgumentException("--postgres <connection string of a role that may create databases> (or AUDIOMUSIC_TEST_POSTGRES)");
var kills = int.Parse(Option("--kills") ?? "10", CultureInfo.InvariantCulture);
var database = "audiomusic_failover_" + Guid.NewGuid().ToString("N")[..8];
await Sql(admin, $"CREATE DATABASE {database}");
var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
var processes = new List<HostProcess>();
var silos = new List<HostProcess>();
try
{
    using (var migrate = HostProcess.Start("migrate", BuildOutputs.SiloDll, ["migrate", $"--ConnectionStrings:AudioMusic={connectionString}"]))
    {
        if (await migrate.WaitForExitAsync(TimeSpan.FromSeconds(60)) != 0)
        {
            throw new InvalidOperationException(migrate.Log);
        }
    }
    for (var i = 0; i < 3; i++)
    {
        silos.Add(StartSilo());
    }
    var apiPort = FreePort();
    processes.Add(HostProcess.Start("api", BuildOutputs.ApiHostDll, [.. Common(), "--Hosting:Mode=Client", "--Auth:Mode=None", $"--urls=http://127.0.0.1:{apiPort}"]));
    using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}"), Timeout = TimeSpan.FromSeconds(60) };
    await WaitReadyAsync(http);
    var ids = new List<string>();
    for (var i = 0; i < 20; i++)
    {
        ids.Add(await SubmitAsync(http, 10, 100 + i));
    }
    Console.WriteLine($"Failover on 3 silos, {Environment.ProcessorCount} logical CPUs, {kills} kills (membership and leases at the product's defaults)");
    Console.WriteLine($"{"kill",4} {"dead s",7} {"requeued s",11} {"completed s",12} {"reads",7} {"errors",7} {"p99 ms",7} {"max ms",7}");
    var rows = new List<(double Dead, double Requeued, double Completed)>();
    for (var kill = 1; kill <= kills; kill++)
    {
        var victimJob = await SubmitAsync(http, 240, 1000 + kill);
        var victim = await RunningSiloAsync(http, victimJob);
        using var stopReaders = new CancellationTokenSource();
        var readers = StatusReaders.ReadWithoutPauseAsync(http.BaseAddress!, ids, readers: 4, stopReaders.Token);
        var clock = Stopwatch.StartNew();
        victim.Crash();
        silos.Remove(victim);
        var dead = await UntilAsync(async () => await DeclaredDeadAsync(victim.SiloPort!.Value), clock);
        var requeued = await UntilAsync(async () => (await JobAsync(http, victimJob)).GetProperty("attempt").GetInt32() >= 2, clock);
        var completed = await UntilAsync(async () => (await JobAsync(http, victimJob)).GetProperty("status").GetString() == "COMPLETED", clock);
        await stopReaders.CancelAsync();
        var reads = await readers;
        var sorted = reads.Select(r => r.Elapsed.TotalMilliseconds).Order().ToList();
        Console.WriteLine($"{kill,4} {dead,7:F1} {requeued,11:F1} {completed,12:F1} {reads.Count,7} {reads.Count(r => r.Status is 0 or >= 500),7} " +
                          $"{sorted[(int)Math.Ceiling(0.99 * sorted.Count) - 1],7:F0} {sorted[^1],7:F0}");
        rows.Add((dead, requeued, completed));
        silos.Add(StartSilo());
        await Task.Delay(TimeSpan.FromSeconds(5));
    }
    Console.WriteLine($"p50 / max: declared dead {Median(rows.Select(r => r.Dead)):F1} / {rows.Max(r => r.Dead):F1} s, " +
                      $"queued again {Median(rows.Select(r => r.Requeued)):F1} / {rows.Max(r => r.Requeued):F1} s, " +
                      $"completed {Median(rows.Select(r => r.Completed)):F1} / {rows.Max(r => r.Completed):F1} s");
    return 0;
}
finally
{
    // Every silo ever started is in processes (the killed ones too): each is disposed once.
    foreach (var process in processes)
    {
        process.Dispose();
    }
    NpgsqlConnection.ClearAllPools();
    await Sql(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
}

HostProcess StartSilo()
{
    var port = FreePort();
    var silo = HostProcess.Start($"silo-{port}", BuildOutputs.SiloDll,
        [.. Common(), $"--Orleans:SiloPort={port}", "--Orleans:AdvertisedIPAddress=127.0.0.1", $"--Orleans:GatewayPort={FreePort()}", "--Devices:CpuCount=1"], port);
    processes.Add(silo);
    return silo;
}

IEnumerable<string> Common() => [$"--ConnectionStrings:AudioMusic={connectionString}", "--Orleans:ClusterId=failover-bench", "--Orleans:ServiceId=failover-bench", "--Logging:LogLevel:Default=Warning"];

async Task<bool> DeclaredDeadAsync(int port)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var query = new NpgsqlCommand("SELECT count(*) FROM orleans_membership WHERE port = $1 AND status = 6", connection);
    query.Parameters.Add(new NpgsqlParameter<int> { TypedValue = port });
    return (long)(await query.ExecuteScalarAsync())! > 0;
}

async Task<HostProcess> RunningSiloAsync(HttpClient http, string jobId)
{
    while (true)
    {
        var status = JsonDocument.Parse(await http.GetStringAsync("/api/v1/music/model/status")).RootElement;
        foreach (var device in status.GetProperty("devices").EnumerateArray())
        {
            if (device.GetProperty("running_job").GetString() == jobId)
            {
                var port = int.Parse(device.GetProperty("silo").GetString()!.Split(':')[1], CultureInfo.InvariantCulture);
                return silos.Single(s => s.SiloPort == port);
            }
        }
        await Task.Delay(100);
    }
}

static async Task<double> UntilAsync(Func<Task<bool>> condition, Stopwatch clock)
{
    while (clock.Elapsed < TimeSpan.FromMinutes(3))
    {
        try
        {
            if (await condition())
            {
                return clock.Elapsed.TotalSeconds;
            }
        }
        catch (HttpRequestException)
        {
            // Measured by the readers; here only the moment matters.
        }
        await Task.Delay(100);
    }
    throw new TimeoutException("condition not met within 3 minutes");
}

static async Task<JsonElement> JobAsync(HttpClient http, string id) =>
    JsonDocument.Parse(await http.GetStringAsync($"/api/v1/music/jobs/{id}/status")).RootElement.GetProperty("job");

static async Task<string> SubmitAsync(HttpClient http, double seconds, int seed)
{
    var body = string.Create(CultureInfo.InvariantCulture, $$"""{"prompt": "failover bench", "duration": {{seconds}}, "seed": {{seed}}}""");
    using var response = await http.PostAsync("/api/v1/music/prompt2instrumental", new StringContent(body, Encoding.UTF8, "application/json"));
    var text = await response.Content.ReadAsStringAsync();
    return response.IsSuccessStatusCode
        ? JsonDocument.Parse(text).RootElement.GetProperty("job").GetProperty("id").GetString()!
        : throw new InvalidOperationException($"submit: {(int)response.StatusCode} {text}");
}

static async Task WaitReadyAsync(HttpClient http)
{
    for (var i = 0; i < 120; i++)
    {
        try
        {
            if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
        }
        await Task.Delay(500);
    }
    throw new TimeoutException("the API host was not ready within a minute");
}

static async Task Sql(string connection, string sql)
{
    await using var open = new NpgsqlConnection(connection);
    await open.OpenAsync();
    await using var command = new NpgsqlCommand(sql, open);
    await command.ExecuteNonQueryAsync();
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
