using System.Text.RegularExpressions;

namespace AudioMusic.Cluster.Tests;

/// <summary>Checks that each job completed exactly once, from what the cluster stored: its replayed event history holds
/// one <c>job.started</c> per attempt and ends with its only <c>job.completed</c>. The silos' logs must not show a job
/// completing twice; after a <c>kill -9</c> they may not show it at all, since the killed process can die between
/// storing a completion and its console logger writing the line (seen once in CI).</summary>
public static partial class CompletedOnce
{
    /// <param name="attempts">Each job's id and the attempt its status reports.</param>
    public static async Task AssertAsync(ClusterRig rig, IReadOnlyDictionary<string, int> attempts, bool siloWasKilled)
    {
        foreach (var (id, attempt) in attempts)
        {
            var history = await JobEventFollower.FollowAsync(new Uri(rig.Http.BaseAddress!, $"/api/v1/music/jobs/{id}/events"), TimeSpan.FromSeconds(30));
            var transitions = history.Select(e => e.Type).Where(t => t != "job.progress").ToList();
            Assert.True(transitions.Count(t => t == "job.completed") == 1 && transitions[^1] == "job.completed",
                $"job {id}: {string.Join(", ", transitions)}");
            Assert.True(transitions.Count(t => t == "job.started") == attempt, $"job {id}, attempt {attempt}: {string.Join(", ", transitions)}");
        }
        var logged = CompletedPattern().Matches(rig.AllSiloLogs).GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => g.Count());
        foreach (var id in attempts.Keys)
        {
            var times = logged.GetValueOrDefault(id);
            Assert.True(times == 1 || (siloWasKilled && times == 0), $"job {id} logged as completed {times} time(s)");
        }
    }

    [GeneratedRegex(@"Job (\S+) completed on attempt (\d+)")]
    private static partial Regex CompletedPattern();
}
