using AudioMusic.Storage.Tests;
using Xunit.Abstractions;

namespace AudioMusic.Cluster.Tests;

public sealed partial class FailoverTests
{
    /// <summary>Scaling down: a silo stopped with SIGTERM while it renders drains (finishes the job within its grace or
    /// hands it back) and exits; every job still completes exactly once with valid audio on the silos that remain.</summary>
    [SkippableFact]
    public async Task A_silo_stopped_with_sigterm_mid_job_finishes_or_hands_back_and_nothing_is_duplicated()
    {
        database.RequireDatabase();
        using var rig = new ClusterRig(await database.CreateDatabaseAsync(), output);
        try
        {
            await rig.MigrateAsync();
            rig.StartSilo();
            rig.StartSilo();
            rig.StartApi();
            await rig.WaitForReadyAsync(TimeSpan.FromSeconds(60));
            var ids = new List<string>();
            for (var i = 0; i < 6; i++)
            {
                ids.Add(await SubmitAsync(rig, i));
            }

            var draining = await WaitUntilRunningAsync(rig, ids[0], TimeSpan.FromSeconds(30));
            await draining.StopAsync(TimeSpan.FromSeconds(60));
            rig.Silos.Remove(draining);

            Assert.True(draining.HasExited, "the stopped silo did not exit");
            await WaitForAllCompletedAsync(rig, ids, TimeSpan.FromSeconds(150));
            var attempts = await VerifyAllAsync(rig, ids);
            // Finished within the drain grace (attempt 1) or handed back and run once more (attempt 2); a lost lease
            // would have needed the sweep and could have cost more attempts.
            Assert.InRange(attempts[ids[0]], 1, 2);
            await CompletedOnce.AssertAsync(rig, attempts, siloWasKilled: false);
        }
        catch
        {
            rig.WriteLogs();
            throw;
        }
    }
}
