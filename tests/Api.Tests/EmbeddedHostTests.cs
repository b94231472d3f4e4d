using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AudioMusic.Api.Tests;

/// <summary>Two embedded hosts on one machine: each co-hosted silo takes free ports of its own, so neither
/// reaches the other's silo and both serve.</summary>
public sealed class EmbeddedHostTests
{
    [Fact]
    public async Task Two_embedded_hosts_without_configured_ports_run_side_by_side()
    {
        // Empty values leave the ports unset, as on a machine where the README's first command runs twice.
        var unset = new Dictionary<string, string> { ["Orleans:SiloPort"] = "", ["Orleans:GatewayPort"] = "", ["Orleans:ClusterId"] = "audiomusic" };
        await using var first = await ApiServer.StartAsync(unset);
        await using var second = await ApiServer.StartAsync(unset);
        var ports = new[] { first, second }
            .SelectMany(h => new[] { "Orleans:SiloPort", "Orleans:GatewayPort" }.Select(k => h.Services.GetRequiredService<IConfiguration>()[k]))
            .ToList();
        Assert.Equal(4, ports.Distinct().Count());
        Assert.DoesNotContain("11111", ports);
        Assert.DoesNotContain("30000", ports);

        var a = await first.SubmitAsync("prompt2instrumental", """{"prompt": "first host", "duration": 10, "seed": 91}""");
        var b = await second.SubmitAsync("prompt2instrumental", """{"prompt": "second host", "duration": 10, "seed": 92}""");

        // Each host knows only its own job: they share no silo.
        using var foreign = await first.Client.GetAsync($"/api/v1/music/jobs/{b.GetProperty("id").GetString()}/status");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        await first.WaitForStatusAsync(a.GetProperty("id").GetString()!, "COMPLETED");
        await second.WaitForStatusAsync(b.GetProperty("id").GetString()!, "COMPLETED");
    }
}
