using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AudioMusic.ApiHost.Hosting;

/// <summary>The co-hosted silo of the embedded default listens for silos and clients that never come (it is a cluster
/// of one, and the API talks to it in process), so fixed ports would only make a second host on the same machine
/// collide with the first. Unless configured, it takes ports the system reports free.</summary>
public static class EmbeddedPorts
{
    public static void ChooseFreePortsUnlessSet(IConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var chosen = new Dictionary<string, string?>();
        foreach (var key in new[] { "Orleans:SiloPort", "Orleans:GatewayPort" })
        {
            if (string.IsNullOrEmpty(configuration[key]))
            {
                chosen[key] = FreeTcpPort().ToString(CultureInfo.InvariantCulture);
            }
        }
        if (chosen.Count > 0)
        {
            configuration.AddInMemoryCollection(chosen);
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
