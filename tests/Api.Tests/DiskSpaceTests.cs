using System.Net;
using System.Text.Json;

namespace AudioMusic.Api.Tests;

/// <summary>The one-box library on a nearly full disk (simulated by a free-space threshold above what is free): new jobs
/// are refused with 507 and a clear reason, bad input is still a 400, and what is stored stays readable.</summary>
public sealed class DiskSpaceTests : IAsyncLifetime
{
    private readonly DirectoryInfo _library = Directory.CreateTempSubdirectory("audiomusic-disk-");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _library.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private Task<ApiServer> StartAsync(long minFreeMb) => ApiServer.StartAsync(new Dictionary<string, string>
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:DataDirectory"] = _library.FullName,
        ["Storage:MinFreeDiskMb"] = minFreeMb.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    [Fact]
    public async Task New_jobs_get_507_when_the_library_disk_is_below_the_threshold()
    {
        string kept;
        await using (var roomy = await StartAsync(1))
        {
            kept = (await roomy.SubmitAsync("prompt2instrumental", """{"prompt": "before the disk filled", "duration": 10, "seed": 61}""")).GetProperty("id").GetString()!;
            await roomy.WaitForStatusAsync(kept, "COMPLETED");
        }

        // More free space than any disk has: the library's disk counts as full.
        await using var full = await StartAsync(int.MaxValue);
        using (var refused = await full.PostJsonAsync("/api/v1/music/prompt2instrumental", """{"prompt": "one too many", "duration": 10}"""))
        {
            Assert.Equal(HttpStatusCode.InsufficientStorage, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal("/problems/insufficient-storage", problem.RootElement.GetProperty("type").GetString());
            Assert.Contains("Storage:MinFreeDiskMb", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain(_library.FullName, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        using (var invalid = await full.PostJsonAsync("/api/v1/music/prompt2instrumental", """{"prompt": "bad", "duration": 100000}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }
        // Nothing was accepted, and the song stored before is still there, from the library on disk.
        using var counts = JsonDocument.Parse(await full.Client.GetStringAsync("/api/v1/music/jobs/counts"));
        Assert.Equal(1, counts.RootElement.GetProperty("total").GetInt32());
        using var audio = await full.Client.GetAsync($"/api/v1/music/jobs/{kept}/audio");
        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        Assert.True((await audio.Content.ReadAsByteArrayAsync()).Length > 1000);
    }
}
