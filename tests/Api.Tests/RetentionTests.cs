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
        Assert.Equal("retention", after.GetProperty("audio_expired_reason").GetString());
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

/// <summary><c>Storage:MemoryLimitMb</c> in the memory mode: when the audio held goes over the limit, the oldest
/// completed jobs lose their audio (410, with the reason on the job) and the newest keep theirs.</summary>
public sealed class MemoryLimitTests : IAsyncLifetime
{
    private const int LimitMb = 2;
    private ApiServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await ApiServer.StartAsync(new Dictionary<string, string> { ["Storage:MemoryLimitMb"] = LimitMb.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_oldest_audio_goes_when_the_memory_mode_reaches_its_limit()
    {
        var store = Assert.IsType<Storage.Memory.MemoryArtifactStore>(_server.Services.GetRequiredService<IArtifactStore>());
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            // One at a time, so completion order is submission order.
            var id = (await _server.SubmitAsync("prompt2instrumental", $$"""{"prompt": "memory song {{i}}", "duration": 15, "seed": {{300 + i}}}""")).GetProperty("id").GetString()!;
            await _server.WaitForStatusAsync(id, "COMPLETED");
            ids.Add(id);
        }
        const long limit = LimitMb * 1024L * 1024L;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (store.HeldBytes > limit)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the store still holds {store.HeldBytes} bytes, over the {limit}-byte limit");
            await Task.Delay(200);
        }

        var jobs = new List<JsonElement>();
        foreach (var id in ids)
        {
            jobs.Add(await _server.StatusAsync(id));
        }
        var expired = jobs.Select(j => j.GetProperty("audio_expired_reason").ValueKind != JsonValueKind.Null).ToList();
        // Some went and the newest stayed; and what went is a prefix: the oldest first.
        Assert.Contains(true, expired);
        Assert.False(expired[^1]);
        Assert.Equal(expired.OrderByDescending(e => e), expired);
        var oldest = jobs[0];
        Assert.Equal("memory_limit", oldest.GetProperty("audio_expired_reason").GetString());
        using var gone = await _server.Client.GetAsync($"/api/v1/music/jobs/{ids[0]}/audio");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains("Storage:MemoryLimitMb", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var kept = await _server.Client.GetAsync($"/api/v1/music/jobs/{ids[^1]}/audio");
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
    }
}
