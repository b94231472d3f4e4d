using System.Net.Http.Json;
using System.Text.Json;
using AudioMusic.Grains;
using AudioMusic.Grains.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace AudioMusic.Api.Tests;

/// <summary>A submit whose job grain is on a silo that dies under the call, before or after the job was stored: the
/// client still gets its 202, and exactly one job exists, the one the answer names.</summary>
public sealed class SubmitFailoverTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_submit_rides_out_the_silo_of_its_job_dying_under_it(bool diesAfterStoring)
    {
        var dying = new DyingTarget(typeof(IJobGrain), nameof(IJobGrain.Submit), TimeSpan.FromSeconds(1), diesAfterStoring);
        await using var server = await ApiServer.StartAsync(configure: builder => builder.Services.AddSingleton<IIncomingGrainCallFilter>(dying));

        var job = await server.SubmitAsync("prompt2instrumental", """{"prompt": "rides out", "duration": 10, "seed": 3}""");

        Assert.Equal(2, dying.Calls);
        var jobs = (await server.Client.GetFromJsonAsync<JsonElement>("/api/v1/music/jobs")).GetProperty("jobs").EnumerateArray().ToList();
        Assert.Equal(job.GetProperty("id").GetString(), Assert.Single(jobs).GetProperty("id").GetString());
        await server.WaitForStatusAsync(job.GetProperty("id").GetString()!, "COMPLETED");
    }
}
