using System.Globalization;
using System.Text.Json;

namespace AudioMusic.Api.Tests;

/// <summary>Queue positions and ETAs against a queue of known jobs on one device: positions are the real places,
/// ETAs grow with them, shrink as the work is done, and land near when each job really completes.</summary>
[Collection(RunsAlone.Name)]
public sealed class EtaTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Etas_follow_the_queue_and_come_true()
    {
        // A few jobs like the known ones first, so the queue has measured the engine on this machine (and the runtime
        // has compiled the engine's code: the first runs are slower).
        for (var i = 0; i < 4; i++)
        {
            var warm = await _server.SubmitAsync("prompt2instrumental", $$"""{"prompt": "warm-up", "duration": 240, "seed": {{i}}}""");
            await _server.WaitForStatusAsync(warm.GetProperty("id").GetString()!, "COMPLETED");
            Assert.Equal(JsonValueKind.Null, (await _server.StatusAsync(warm.GetProperty("id").GetString()!)).GetProperty("eta_seconds").ValueKind);
        }

        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var job = await _server.SubmitAsync("prompt2instrumental", $$"""{"prompt": "known job {{i}}", "duration": 240, "seed": {{10 + i}}}""");
            Assert.Equal(JsonValueKind.Number, job.GetProperty("eta_seconds").ValueKind);
            ids.Add(job.GetProperty("id").GetString()!);
        }
        // Past the half-second the status reads' copy of the queue may lag.
        await Task.Delay(700);
        var readAt = DateTimeOffset.UtcNow;
        var views = new List<JsonElement>();
        foreach (var id in ids)
        {
            views.Add(await _server.StatusAsync(id));
        }
        var pending = views.Where(v => v.GetProperty("status").GetString() == "PENDING").ToList();
        Assert.True(pending.Count >= 2, "most of the known jobs are still waiting");
        Assert.Equal(Enumerable.Range(0, pending.Count), pending.Select(v => v.GetProperty("queue_position").GetInt32()));
        var etas = views.Select(v => v.GetProperty("eta_seconds").GetDouble()).ToList();
        Assert.Equal(etas.Order(), etas);
        Assert.All(etas, eta => Assert.True(eta > 0));

        var actuals = new List<double>();
        foreach (var id in ids)
        {
            var done = await _server.WaitForStatusAsync(id, "COMPLETED", TimeSpan.FromSeconds(180));
            actuals.Add((done.GetProperty("completed_at").GetDateTimeOffset() - readAt).TotalSeconds);
        }
        var all = string.Join(", ", etas.Zip(actuals).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.First:0.0}/{p.Second:0.0}")));
        foreach (var (eta, actual) in etas.Zip(actuals))
        {
            // An estimate: within a factor of two and a half either way, plus a second for the bookkeeping.
            Assert.True(eta <= 2.5 * actual + 1 && actual <= 2.5 * eta + 1,
                $"estimated / completed seconds: {all}");
        }
    }
}

/// <summary>Tests whose figures are times measured on this machine run with no other test class beside them: the
/// suite's other hosts would otherwise share the cores and move the times they compare.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "runs alone";
}
