using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AudioMusic.ApiHost.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AudioMusic.Api.Bench;

/// <summary>The embedded default host (Kestrel + co-hosted silo) on free loopback ports, by default with no compute
/// devices so that submitted jobs stay queued and only the API and grain path is measured. Shared with
/// bench/Events.Bench, which gives it a device through <c>settings</c>.</summary>
public sealed class EmbeddedHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly string? _libraryDirectory;

    private EmbeddedHost(WebApplication app, Uri address, string? libraryDirectory)
    {
        _app = app;
        Address = address;
        _libraryDirectory = libraryDirectory;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the host; <paramref name="storage"/> "sqlite" gives it a one-box library in a fresh temporary
    /// folder (deleted on dispose), "memory" keeps everything in the process. Without <paramref name="telemetry"/>
    /// there are no metrics or traces (<c>Telemetry:Enabled=false</c>).</summary>
    /// <paramref name="settings"/> (<c>--Key=value</c>) come last and so win over these defaults.
    public static async Task<EmbeddedHost> StartAsync(string storage, bool telemetry, params string[] settings)
    {
        var library = storage == "sqlite" ? Directory.CreateTempSubdirectory("audiomusic-bench-").FullName : null;
        string[] args =
        [
            library is null ? "--Storage:Provider=Memory" : $"--Storage:DataDirectory={library}",
            "--urls=http://127.0.0.1:0",
            $"--Orleans:SiloPort={FreePort()}",
            $"--Orleans:GatewayPort={FreePort()}",
            "--Orleans:ClusterId=api-bench",
            "--Devices:CpuCount=0",
            "--Queue:Capacity=10000000",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
            $"--Telemetry:Enabled={telemetry}",
            .. settings,
        ];
        var app = ApiHostApp.Build(args);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmbeddedHost(app, new Uri(address), library);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_libraryDirectory is not null)
        {
            Directory.Delete(_libraryDirectory, recursive: true);
        }
    }

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }
}
