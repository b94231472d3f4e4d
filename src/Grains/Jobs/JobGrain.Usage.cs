using AudioMusic.Grains.Access;

namespace AudioMusic.Grains.Jobs;

/// <summary>The JobGrain's share of usage accounting: a completed job's audio seconds go to its tenant's usage.</summary>
public sealed partial class JobGrain
{
    /// <summary>After the completion is stored. A failure here is logged and the seconds go uncounted: the job's
    /// completion must not be undone by the accounting (docs/security.md, Limits).</summary>
    private async Task CountAudioAsync()
    {
        var seconds = Job.Audio.Sum(a => a.DurationSeconds);
        try
        {
            await GrainFactory.GetGrain<ITenantUsageGrain>(Job.Owner ?? "anonymous").Add(JobId, Job.CompletedAt!.Value, seconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUsageLost(ex, JobId, seconds);
        }
    }
}
