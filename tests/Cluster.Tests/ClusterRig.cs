using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Xunit.Abstractions;

namespace AudioMusic.Cluster.Tests;

/// <summary>Real silo and API host processes sharing one PostgreSQL database, on loopback ports chosen at random.
/// Membership, leases and the sweep are tuned so a killed silo is declared dead and its job re-queued in seconds.</summary>
public sealed class ClusterRig : IDisposable
{
    private readonly string _connectionString;
    private readonly ITestOutputHelper _output;
    private readonly List<HostProcess> _all = [];
    private readonly List<HostProcess> _apis = [];

    public ClusterRig(string connectionString, ITestOutputHelper output)
    {
        _connectionString = connectionString;
        _output = output;
    }

    public List<HostProcess> Silos { get; } = [];

    public HostProcess? Api { get; private set; }

    public HttpClient Http { get; private set; } = new();

    /// <summary>Every log ever captured, including those of processes already stopped.</summary>
    public string ConnectionString => _connectionString;

    public string AllSiloLogs => string.Join('\n', _all.Where(p => p.SiloPort is not null).Select(p => p.Log));

    public async Task<string> MigrateAsync()
    {
        using var migrate = HostProcess.Start("migrate", BuildOutputs.SiloDll, ["migrate", $"--ConnectionStrings:AudioMusic={_connectionString}"]);
        var code = await migrate.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(code == 0, $"migrate exited with {code}:\n{migrate.Log}");
        return migrate.Log;
    }

    public HostProcess StartSilo(params string[] settings)
    {
        var siloPort = FreePort();
        var silo = HostProcess.Start($"silo-{siloPort}", BuildOutputs.SiloDll,
        [
            .. Common(),
            $"--Orleans:SiloPort={siloPort}",
            "--Orleans:AdvertisedIPAddress=127.0.0.1",
            $"--Orleans:GatewayPort={FreePort()}",
            "--Devices:CpuCount=1",
            "--Devices:HeartbeatInterval=00:00:02",
            "--Devices:DrainGrace=00:00:02",
            "--Queue:DeviceTimeout=00:00:08",
            // Membership, leases and the sweep keep the product's defaults: the failover test measures them.
            .. settings,
        ], siloPort);
        Silos.Add(silo);
        _all.Add(silo);
        return silo;
    }

    /// <summary>Starts a client-mode API host; keys are off unless <paramref name="apiSettings"/> say otherwise (a
    /// cluster's API host must be told).</summary>
    public HostProcess StartApi(params string[] apiSettings)
    {
        var (api, http) = StartAnotherApi(apiSettings);
        Api = api;
        Http.Dispose();
        Http = http;
        return Api;
    }

    /// <summary>One more API host beside <see cref="Api"/>, with its own client; the rig stops it with the others.</summary>
    public (HostProcess Api, HttpClient Http) StartAnotherApi(params string[] apiSettings)
    {
        var port = FreePort();
        var api = HostProcess.Start($"api-{port}", BuildOutputs.ApiHostDll, [.. Common(), "--Hosting:Mode=Client", "--Auth:Mode=None", $"--urls=http://127.0.0.1:{port}", .. apiSettings]);
        _all.Add(api);
        _apis.Add(api);
        return (api, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(15) });
    }

    public static int FreeTcpPort() => FreePort();

    private IEnumerable<string> Common() =>
    [
        $"--ConnectionStrings:AudioMusic={_connectionString}",
        // Timestamps let a failed run's logs be lined up across processes.
        "--Logging:Console:FormatterOptions:TimestampFormat=HH:mm:ss.fff ",
        "--Orleans:ClusterId=cluster-test",
        "--Orleans:ServiceId=cluster-test",
    ];

    public Task WaitForReadyAsync(TimeSpan timeout) => WaitForHealthAsync(Http, Api!, "/health/ready", timeout);

    /// <summary>The host is listening (it may still have no cluster to talk to).</summary>
    public Task WaitForLiveAsync(TimeSpan timeout) => WaitForHealthAsync(Http, Api!, "/health/live", timeout);

    public static async Task WaitForHealthAsync(HttpClient http, HostProcess api, string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // The host is still connecting.
            }
            Assert.True(DateTime.UtcNow < deadline, $"the API host did not answer {path} within {timeout}");
            Assert.False(api.HasExited, "the API host exited");
            await Task.Delay(500);
        }
    }

    /// <summary>Whether the silo listening on <paramref name="siloPort"/> has this status in Orleans' membership table.</summary>
    public async Task<bool> HasMembershipStatusAsync(int siloPort, MembershipStatus status)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var query = new Npgsql.NpgsqlCommand("SELECT count(*) FROM orleans_membership WHERE port = $1 AND status = $2", connection);
        query.Parameters.Add(new Npgsql.NpgsqlParameter<int> { TypedValue = siloPort });
        query.Parameters.Add(new Npgsql.NpgsqlParameter<int> { TypedValue = (int)status });
        return (long)(await query.ExecuteScalarAsync())! > 0;
    }

    /// <summary>Waits until a silo started by <see cref="StartSilo"/> has joined the cluster.</summary>
    public async Task WaitUntilActiveAsync(HostProcess silo, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await HasMembershipStatusAsync(silo.SiloPort!.Value, MembershipStatus.Active))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{silo.Name} did not join the cluster within {timeout}");
            Assert.False(silo.HasExited, $"{silo.Name} exited");
            await Task.Delay(200);
        }
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task StopAllAsync()
    {
        await Task.WhenAll(_apis.Select(a => a.StopAsync(TimeSpan.FromSeconds(15))));
        _apis.Clear();
        await Task.WhenAll(Silos.Select(s => s.StopAsync(TimeSpan.FromSeconds(20))));
        Silos.Clear();
    }

    public void WriteLogs()
    {
        foreach (var process in _all)
        {
            _output.WriteLine($"===== {process.Name} =====");
            _output.WriteLine(process.Log);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        foreach (var process in _all)
        {
            process.Dispose();
        }
        Http.Dispose();
    }
}

/// <summary>The values of Orleans' <c>SiloStatus</c> that the tests look for in <c>orleans_membership.status</c>.</summary>
public enum MembershipStatus
{
    Active = 3,
    Dead = 6,
}
