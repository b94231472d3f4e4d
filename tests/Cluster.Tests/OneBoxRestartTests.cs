using AudioMusic.TestSupport;
using Xunit.Abstractions;

namespace AudioMusic.Cluster.Tests;

/// <summary>The one-box default keeps the library: a host killed with -9 mid-job and started again on the same folder
/// has every job, the same audio bytes, finishes the job it was running and runs the one still queued.</summary>
public sealed class OneBoxRestartTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _library = Directory.CreateTempSubdirectory("audiomusic-onebox-");
    private readonly List<OneBoxHost> _hosts = [];

    [Fact]
    public async Task A_host_killed_mid_job_starts_again_with_every_job_and_finishes_the_work()
    {
        try
        {
            var first = Start();
            await first.WaitForReadyAsync(TimeSpan.FromSeconds(60));
            var done = await first.SubmitAsync("prompt2instrumental", """{"prompt": "kept song", "duration": 12, "seed": 501}""");
            await first.WaitForStatusAsync(done, "COMPLETED", TimeSpan.FromSeconds(60));
            var doneBytes = await first.DownloadAsync(done);

            // Long enough (two 10-minute variations) to be killed while it renders; the next one waits behind it.
            var running = await first.SubmitAsync("prompt2instrumental", """{"prompt": "interrupted song", "duration": 600, "batch_size": 2, "seed": 502}""");
            var queued = await first.SubmitAsync("prompt2instrumental", """{"prompt": "queued song", "duration": 12, "seed": 503}""");
            await first.WaitForStatusAsync(running, "PROCESSING", TimeSpan.FromSeconds(30));

            // One writer per library: a second host on the same folder says why it cannot start, and stops.
            var intruder = Start();
            Assert.Equal(2, await intruder.Process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("is in use by another AudioMusic process", intruder.Process.Log, StringComparison.Ordinal);

            Assert.Equal("PROCESSING", (await first.JobAsync(running)).GetProperty("status").GetString());
            first.Process.Crash();

            var second = Start();
            await second.WaitForReadyAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(doneBytes, await second.DownloadAsync(done));
            Assert.Equal("kept song", (await second.JobAsync(done)).GetProperty("parameters").GetProperty("caption").GetString());

            var queuedJob = await second.WaitForStatusAsync(queued, "COMPLETED", TimeSpan.FromSeconds(90));
            Assert.Equal(1, queuedJob.GetProperty("attempt").GetInt32());
            // The job the dead process was running runs again once its lease runs out, as a second attempt.
            var runningJob = await second.WaitForStatusAsync(running, "COMPLETED", TimeSpan.FromSeconds(150));
            Assert.Equal(2, runningJob.GetProperty("attempt").GetInt32());
            var probe = MediaProbe.Of(await second.DownloadAsync(running), ".flac");
            Assert.InRange(probe.DurationSeconds, 599.5, 600.5);

            using var counts = System.Text.Json.JsonDocument.Parse(await second.Http.GetStringAsync("/api/v1/music/jobs/counts"));
            Assert.Equal(3, counts.RootElement.GetProperty("total").GetInt32());
            Assert.Equal(3, counts.RootElement.GetProperty("by_status").GetProperty("COMPLETED").GetInt32());
        }
        catch
        {
            foreach (var host in _hosts)
            {
                output.WriteLine($"===== {host.Process.Name} =====\n{host.Process.Log}");
            }
            throw;
        }
    }

    private OneBoxHost Start()
    {
        var host = OneBoxHost.Start(_library.FullName);
        _hosts.Add(host);
        return host;
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
        _library.Delete(recursive: true);
    }
}
