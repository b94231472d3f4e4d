using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AudioMusic.Cluster.Tests;

public sealed partial class FailoverTests
{
    /// <summary>Scaling up: a silo started while 20 jobs wait on one busy device takes work within seconds of joining,
    /// and every job completes exactly once.</summary>
    [SkippableFact]
    public async Task A_silo_started_while_jobs_wait_takes_work_within_seconds()
    {
        database.RequireDatabase();
        using var rig = new ClusterRig(await database.CreateDatabaseAsync(), output);
        try
        {
            await rig.MigrateAsync();
            rig.StartSilo();
            rig.StartApi();
            await rig.WaitForReadyAsync(TimeSpan.FromSeconds(60));
            var ids = new List<string>();
            for (var i = 0; i < 20; i++)
            {
                var body = $$"""{"prompt": "queued piano {{i}}", "duration": 60, "seed": {{2000 + i}}}""";
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await rig.Http.PostAsync("/api/v1/music/prompt2instrumental", content);
                Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
                ids.Add(System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("job").GetProperty("id").GetString()!);
            }

            var joined = Stopwatch.StartNew();
            var newcomer = rig.StartSilo();
            var deadline = TimeSpan.FromSeconds(45);
            while (!newcomer.Log.Contains(" started on ", StringComparison.Ordinal))
            {
                Assert.True(joined.Elapsed < deadline, $"the new silo took no job within {deadline}");
                Assert.False(newcomer.HasExited, "the new silo exited");
                await Task.Delay(200);
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the new silo started its first job {joined.Elapsed.TotalSeconds:F1} s after its process started"));
            var pendingThen = 0;
            foreach (var id in ids)
            {
                pendingThen += (await rig.GetJsonAsync($"/api/v1/music/jobs/{id}/status")).GetProperty("job").GetProperty("status").GetString() == "PENDING" ? 1 : 0;
            }
            Assert.True(pendingThen > 0, "the first silo had already run every job: the test proves nothing");

            await WaitForAllCompletedAsync(rig, ids, TimeSpan.FromSeconds(240));
            var attempts = await VerifyAllAsync(rig, ids, _ => 60);
            await CompletedOnce.AssertAsync(rig, attempts, siloWasKilled: false);
        }
        catch
        {
            rig.WriteLogs();
            throw;
        }
    }
}
