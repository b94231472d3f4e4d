using System.Globalization;
using Xunit.Abstractions;

namespace AudioMusic.Cluster.Tests;

/// <summary>The one-box default's memory does not grow with its library: after a warm-up, rendering a hundred more
/// songs leaves the host's resident set within a stated bound (the memory mode used to grow about 5 MB a song, so
/// 100 songs would add some 500 MB). The 2,000-song figures are in docs/benchmarks.md (bench/Library.Bench).</summary>
public sealed class OneBoxMemoryTests(ITestOutputHelper output) : IDisposable
{
    private const int WarmUpSongs = 30;
    private const int MeasuredSongs = 100;

    /// <summary>Growth allowed over the measured songs: the garbage collector's working room, not the songs (the
    /// library grows by some 100 MB of audio meanwhile, on disk).</summary>
    private const double AllowedGrowthMb = 80;

    private readonly DirectoryInfo _library = Directory.CreateTempSubdirectory("audiomusic-memory-");
    private OneBoxHost? _host;

    [Fact]
    public async Task Resident_memory_stays_flat_while_songs_accumulate()
    {
        _host = OneBoxHost.Start(_library.FullName);
        try
        {
            await _host.WaitForReadyAsync(TimeSpan.FromSeconds(60));
            await RenderAsync(0, WarmUpSongs);
            var before = _host.Process.ResidentMegabytes();
            await RenderAsync(WarmUpSongs, MeasuredSongs);
            var after = _host.Process.ResidentMegabytes();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"resident set: {before:F0} MB after {WarmUpSongs} songs, {after:F0} MB after {WarmUpSongs + MeasuredSongs}"));
            Assert.True(after - before <= AllowedGrowthMb,
                string.Create(CultureInfo.InvariantCulture, $"the resident set grew {after - before:F0} MB over {MeasuredSongs} songs ({before:F0} → {after:F0} MB)"));
        }
        catch
        {
            output.WriteLine(_host.Process.Log);
            throw;
        }
    }

    /// <summary>Two at a time, so the device always has the next song waiting.</summary>
    private async Task RenderAsync(int first, int count)
    {
        var next = first;
        var end = first + count;
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var n && n <= end)
            {
                var id = await _host!.SubmitAsync("prompt2instrumental", string.Create(CultureInfo.InvariantCulture,
                    $$"""{"prompt": "memory song {{n}}", "duration": 10, "seed": {{n}}}"""));
                await _host.WaitForStatusAsync(id, "COMPLETED", TimeSpan.FromSeconds(60));
            }
        }));
    }

    public void Dispose()
    {
        _host?.Dispose();
        _library.Delete(recursive: true);
    }
}
