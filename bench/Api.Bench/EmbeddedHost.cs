using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AudioMusic.ApiHost.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AudioMusic.Api.Bench;

/// <summary>The embedded default host (Kestrel + co-hosted silo) on free loopback ports, with no compute devices so
/// that submitted jobs stay queued and only the API and grain path is measured.</summary>
public sealed class EmbeddedHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmbeddedHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<EmbeddedHost> StartAsync()
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--Orleans:SiloPort={FreePort()}",
            $"--Orleans:GatewayPort={FreePort()}",
            "--Orleans:ClusterId=api-bench",
            "--Devices:CpuCount=0",
            "--Queue:Capacity=10000000",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
        ];
        var app = ApiHostApp.Build(args);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmbeddedHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }
}
