using AudioMusic.Domain;
using AudioMusic.Storage;

namespace AudioMusic.Grains.Jobs;

/// <summary>How the JobGrain shows its job: the view clients read (with the queue position and ETA from this silo's
/// copy of the queue) and the entry the job index keeps.</summary>
public sealed partial class JobGrain
{
    private JobIndexEntry IndexEntry() => JobProjections.IndexEntry(Job, JobId, _time.GetUtcNow());

    private MusicTask ListedTask => JobProjections.ListedTask(Job);

    private JobView View()
    {
        if (Job.Status is not (JobStatus.Pending or JobStatus.Processing))
        {
            return JobProjections.View(Job, JobId, null, null);
        }
        var queue = _positions.Current;
        var now = _time.GetUtcNow();
        return Job.Status == JobStatus.Pending
            ? JobProjections.View(Job, JobId, queue.PositionOf(Job.QueueSequence), queue.EtaOfPending(Job.QueueSequence, Job.Request!, now))
            : JobProjections.View(Job, JobId, null, queue.Estimates.RemainingFor(Job.Request!, Job.Progress, now - (Job.AttemptStartedAt ?? now)));
    }
}
