using System.Net;
using System.Text.Json;

namespace AudioMusic.Api.Tests;

/// <summary>Fair scheduling with real dispatch: one CPU device, tenant A queues a dozen songs, then tenant B one. B's
/// song starts among the next few, not after A's backlog; A's songs still run in the order A sent them; the position
/// B was told at submit is where its job stood.</summary>
public sealed class FairSchedulingTests : IAsyncLifetime
{
    private ApiServer _api = null!;

    public async Task InitializeAsync() => _api = await ApiServer.StartAsync(new Dictionary<string, string>
    {
        ["Auth:Mode"] = "ApiKeys",
        ["Auth:AdminKey"] = KeyedRequests.AdminKey,
    });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_tenants_job_starts_among_the_next_few_while_another_tenant_has_a_backlog()
    {
        var a = await CreateKeyAsync("a");
        var b = await CreateKeyAsync("b");
        var backlog = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            backlog.Add((await SubmitAsync(a, i)).GetProperty("id").GetString()!);
        }
        var submitted = await SubmitAsync(b, 100);
        var bJob = submitted.GetProperty("id").GetString()!;
        var bSubmitted = submitted.GetProperty("created_at").GetDateTimeOffset();
        var toldPosition = submitted.GetProperty("queue_position").GetInt32();
        Assert.InRange(toldPosition, 0, 2);

        var started = new Dictionary<string, DateTimeOffset>();
        foreach (var (id, key) in backlog.Select(id => (id, a)).Append((bJob, b)))
        {
            var job = await WaitForCompletedAsync(id, key);
            started[id] = job.GetProperty("started_at").GetDateTimeOffset();
        }
        var order = started.OrderBy(s => s.Value).Select(s => s.Key).ToList();
        // Of A's jobs, those that started after B was submitted and before B: the ones B was told were ahead, and at
        // most one more that a device had taken but not yet started. First come, first served, it would be all of
        // A's jobs still waiting.
        var startedBetween = backlog.Count(id => started[id] > bSubmitted && started[id] < started[bJob]);
        Assert.InRange(startedBetween, 0, toldPosition + 1);
        Assert.Equal(backlog, order.Where(id => id != bJob));
    }

    private async Task<string> CreateKeyAsync(string tenant) =>
        (await KeyedRequests.CreateKeyAsync(_api.Client, $$"""{"name": "{{tenant}}", "tenant": "{{tenant}}"}""")).Key;

    private async Task<JsonElement> SubmitAsync(string key, int i)
    {
        using var response = await KeyedRequests.Send(_api.Client, HttpMethod.Post, "/api/v1/music/prompt2instrumental", key,
            $$"""{"prompt": "turn {{i}}", "duration": 30, "seed": {{i}}}""");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("job").Clone();
    }

    private async Task<JsonElement> WaitForCompletedAsync(string id, string key)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            using var response = await KeyedRequests.Send(_api.Client, HttpMethod.Get, $"/api/v1/music/jobs/{id}/status", key);
            var job = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("job").Clone();
            if (job.GetProperty("status").GetString() == "COMPLETED")
            {
                return job;
            }
            Assert.True(DateTime.UtcNow < deadline, $"job {id} did not complete");
            await Task.Delay(100);
        }
    }
}
