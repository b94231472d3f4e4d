using System.Net;
using System.Text.Json;
using AudioMusic.Grains;
using AudioMusic.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AudioMusic.Api.Tests;

/// <summary><c>Storage:Retention</c> on a real host: audio older than the retention is deleted by the sweep, the job
/// stays and says when its audio expired, and every download of it answers 410.</summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private static readonly TimeSpan Retention = TimeSpan.FromSeconds(3);
    private ApiServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await ApiServer.StartAsync(new Dictionary<string, string> { ["Storage:Retention"] = Retention.ToString() });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Audio_older_than_the_retention_is_deleted_and_answers_410_while_the_job_stays()
    {
        var id = (await _server.SubmitAsync("prompt2instrumental", """{"prompt": "short jingle", "duration": 10, "seed": 71}""")).GetProperty("id").GetString()!;
        var job = await _server.WaitForStatusAsync(id, "COMPLETED");
        var retention = _server.Services.GetRequiredService<IGrainFactory>().GetGrain<IRetentionGrain>(0);
        var store = _server.Services.GetRequiredService<IArtifactStore>();
        using (var early = await _server.Client.GetAsync($"/api/v1/music/jobs/{id}/audio"))
        {
            Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        }
        Assert.NotNull(await store.GetInfoAsync(MasterKey(id, job), CancellationToken.None));
        // Within the retention nothing goes.
        Assert.Equal(0, await retention.Sweep());

        var completedAt = job.GetProperty("completed_at").GetDateTimeOffset();
        var wait = completedAt + Retention + TimeSpan.FromMilliseconds(200) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
        Assert.Equal(1, await retention.Sweep());
        Assert.Equal(0, await retention.Sweep());

        var after = await _server.StatusAsync(id);
        Assert.Equal("COMPLETED", after.GetProperty("status").GetString());
        Assert.True(after.GetProperty("audio_expired_at").GetDateTimeOffset() >= completedAt + Retention);
        foreach (var route in new[] { "audio", "audio?format=mp3", "waveform", "lyrics" })
        {
            using var gone = await _server.Client.GetAsync($"/api/v1/music/jobs/{id}/{route}");
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
            Assert.Contains("/problems/audio-expired", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Null(await store.GetInfoAsync(MasterKey(id, after), CancellationToken.None));
    }

    /// <summary>The master's artifact key, as the job's first attempt stored it.</summary>
    private static string MasterKey(string id, JsonElement job) => ArtifactKeys.For(id, job.GetProperty("attempt").GetInt32(), 0, "flac");
}
