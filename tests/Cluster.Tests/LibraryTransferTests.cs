using System.Net;
using AudioMusic.Storage.Tests;
using Xunit.Abstractions;

namespace AudioMusic.Cluster.Tests;

/// <summary>Outgrowing one machine: songs made on the one-box default are exported with the silo's <c>export</c> verb,
/// imported into a PostgreSQL cluster with <c>import</c>, and read there through a client-mode API host — the same jobs,
/// the same audio bytes, stems included. Importing twice changes nothing.</summary>
public sealed class LibraryTransferTests(PostgresDatabaseFixture database, ITestOutputHelper output) : IClassFixture<PostgresDatabaseFixture>, IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("audiomusic-transfer-");
    private readonly List<HostProcess> _processes = [];
    private readonly List<HostProcess> _logged = [];

    [SkippableFact]
    public async Task Jobs_exported_from_the_one_box_library_are_read_the_same_in_a_cluster()
    {
        var connectionString = database.RequireDatabase();
        var library = _work.CreateSubdirectory("library").FullName;
        var archive = Path.Combine(_work.FullName, "songs.zip");
        using var rig = new ClusterRig(connectionString, output);
        try
        {
            var ids = new List<string>();
            var audio = new Dictionary<string, byte[]>();
            byte[] drums;
            // No drain grace: stopping hands the running job straight back instead of letting it finish (a long job on a
            // fast machine can otherwise complete within the default 10 s and be exported after all).
            using (var oneBox = OneBoxHost.Start(library, "--Devices:DrainGrace=00:00:00"))
            {
                _logged.Add(oneBox.Process);
                await oneBox.WaitForReadyAsync(TimeSpan.FromSeconds(60));
                ids.Add(await oneBox.SubmitAsync("prompt2instrumental", """{"prompt": "moving house", "duration": 10, "seed": 701, "stems": true}"""));
                ids.Add(await oneBox.SubmitAsync("text2music", """{"caption": "pop song", "lyrics": "[verse]\nla la la", "duration": 12, "seed": 702, "format": "mp3"}"""));
                foreach (var id in ids)
                {
                    await oneBox.WaitForStatusAsync(id, "COMPLETED", TimeSpan.FromSeconds(90));
                    audio[id] = await oneBox.DownloadAsync(id);
                }
                drums = await oneBox.Http.GetByteArrayAsync($"/api/v1/music/jobs/{ids[0]}/stems/drums");
                // While the host runs, the library is locked: export says so in one line.
                var locked = await RunSiloVerbAsync("export", archive, $"--Storage:DataDirectory={library}");
                Assert.Equal(2, locked.Code);
                Assert.Contains("in use by another AudioMusic process", locked.Log, StringComparison.Ordinal);
                // An unfinished job is not exported: it is reported, not half-moved. The host stops as soon as the job
                // runs; its render alone takes seconds, so it is still running then.
                ids.Add(await oneBox.SubmitAsync("prompt2instrumental", """{"prompt": "still running", "duration": 600, "batch_size": 2, "seed": 703}"""));
                await oneBox.WaitForStatusAsync(ids[2], "PROCESSING", TimeSpan.FromSeconds(30));
                await oneBox.Process.StopAsync(TimeSpan.FromSeconds(20));
            }

            var export = await RunSiloVerbAsync("export", archive, $"--Storage:DataDirectory={library}");
            Assert.True(export.Code == 0, export.Log);
            Assert.Contains("export: 2 job(s)", export.Log, StringComparison.Ordinal);
            // Stopped gracefully, the host handed the running job back to the queue: it is PENDING in the library.
            Assert.Contains($"{ids[2]}: still PENDING", export.Log, StringComparison.Ordinal);

            await rig.MigrateAsync();
            var import = await RunSiloVerbAsync("import", archive, $"--ConnectionStrings:AudioMusic={connectionString}",
                "--Orleans:ClusterId=cluster-test", "--Orleans:ServiceId=cluster-test");
            Assert.True(import.Code == 0, import.Log);
            Assert.Contains("import: 2 job(s)", import.Log, StringComparison.Ordinal);
            var again = await RunSiloVerbAsync("import", archive, $"--ConnectionStrings:AudioMusic={connectionString}",
                "--Orleans:ClusterId=cluster-test", "--Orleans:ServiceId=cluster-test");
            Assert.True(again.Code == 0, again.Log);
            Assert.Contains("import: 0 job(s)", again.Log, StringComparison.Ordinal);
            Assert.Contains("already stored here", again.Log, StringComparison.Ordinal);

            rig.StartSilo();
            rig.StartApi();
            await rig.WaitForReadyAsync(TimeSpan.FromSeconds(60));
            var list = await rig.GetJsonAsync("/api/v1/music/jobs");
            Assert.Equal(ids.Take(2).Order(), list.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("id").GetString()!).Order());
            foreach (var id in ids.Take(2))
            {
                var job = (await rig.GetJsonAsync($"/api/v1/music/jobs/{id}/status")).GetProperty("job");
                Assert.Equal("COMPLETED", job.GetProperty("status").GetString());
                Assert.Equal(audio[id], await rig.Http.GetByteArrayAsync($"/api/v1/music/jobs/{id}/audio"));
            }
            Assert.Equal("pop song", (await rig.GetJsonAsync($"/api/v1/music/jobs/{ids[1]}/status")).GetProperty("job").GetProperty("parameters").GetProperty("caption").GetString());
            Assert.Equal(drums, await rig.Http.GetByteArrayAsync($"/api/v1/music/jobs/{ids[0]}/stems/drums"));
            // A rendition the library never made is made in the cluster from the imported master.
            using var mp3 = await rig.Http.GetAsync($"/api/v1/music/jobs/{ids[0]}/audio?format=mp3");
            Assert.Equal(HttpStatusCode.OK, mp3.StatusCode);
            using var missing = await rig.Http.GetAsync($"/api/v1/music/jobs/{ids[2]}/status");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        catch
        {
            rig.WriteLogs();
            foreach (var process in _logged.Concat(_processes))
            {
                output.WriteLine($"===== {process.Name} =====\n{process.Log}");
            }
            throw;
        }
        finally
        {
            await rig.StopAllAsync();
        }
    }

    private async Task<(int Code, string Log)> RunSiloVerbAsync(string verb, string file, params string[] settings)
    {
        var process = HostProcess.Start(verb, BuildOutputs.SiloDll, [verb, file, .. settings]);
        _processes.Add(process);
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(120));
        return (code, process.Log);
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }
        _work.Delete(recursive: true);
    }
}
