using System.Diagnostics;
using System.Text.Json;
using AudioMusic.TestSupport;

namespace AudioMusic.Api.Tests;

/// <summary>The events route read by a standard EventSource client (the npm <c>eventsource</c> package, pinned in
/// tools/eventsource; scripts/test.sh installs it) rather than a parser of our own: it receives the job's life in order,
/// and after the terminal event its automatic reconnect gets 204 and the client stops for good.</summary>
public sealed class EventSourceClientTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [SkippableFact]
    public async Task An_EventSource_follows_a_job_to_its_end_and_stops_reconnecting()
    {
        var tool = Path.Combine(Checkout.Root, "tools", "eventsource");
        if (!Directory.Exists(Path.Combine(tool, "node_modules", "eventsource")))
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") is null, "the eventsource package is not installed in tools/eventsource (scripts/test.sh installs it)");
            Skip.If(true, "eventsource is not installed: run npm ci in tools/eventsource");
        }
        var id = (await _server.SubmitAsync("prompt2instrumental", """{"prompt": "followed by a browser's client", "duration": 15, "seed": 21}"""))
            .GetProperty("id").GetString()!;
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = tool };
        info.ArgumentList.Add("follow.mjs");
        info.ArgumentList.Add(new Uri(_server.Client.BaseAddress!, $"/api/v1/music/jobs/{id}/events").ToString());
        using var node = Process.Start(info)!;
        var output = await node.StandardOutput.ReadToEndAsync();
        var errors = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}:\n{output}\n{errors}");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var events = lines.Where(l => l.TryGetProperty("type", out _)).ToList();
        Assert.Equal("job.queued", events[0].GetProperty("type").GetString());
        Assert.Equal("job.completed", events[^1].GetProperty("type").GetString());
        Assert.Equal("COMPLETED", events[^1].GetProperty("status").GetString());
        var ids = events.Select(e => long.Parse(e.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.True(lines[^1].GetProperty("closed").GetBoolean());
    }
}
