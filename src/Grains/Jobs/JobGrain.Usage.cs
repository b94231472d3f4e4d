using AudioMusic.Grains.Access;

namespace AudioMusic.Grains.Jobs;

/// <summary>The JobGrain's share of usage accounting: a completed job's audio seconds go to its tenant's usage.</summary>
public sealed partial class JobGrain
{
    /// <summary>After the completion is stored, and never undoing it: the hand-over is retried while the usage grain is
    /// unreachable (its silo dying), and only a lasting failure leaves the seconds uncounted, logged (docs/security.md,
    /// Limits). The usage grain counts each job once, so a retry that follows a lost answer counts nothing twice.</summary>
    private Task CountAudioAsync()
    {
        var (jobId, owner, completedAt) = (JobId, Job.Owner ?? "anonymous", Job.CompletedAt!.Value);
        var seconds = Job.Audio.Sum(a => a.DurationSeconds);
        var usage = GrainFactory.GetGrain<ITenantUsageGrain>(owner);
        return _handoff.RunAsync(() => usage.Add(jobId, completedAt, seconds), error => LogUsageLost(error, jobId, seconds));
    }
}
