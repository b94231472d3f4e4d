using AudioMusic.Domain;

namespace AudioMusic.Grains.Jobs;

/// <summary>The legal moves of a job's state machine; the JobGrain refuses anything else.</summary>
public static class JobTransitions
{
    private static readonly HashSet<(JobStatus From, JobStatus To)> Allowed =
    [
        (JobStatus.Pending, JobStatus.Processing),
        (JobStatus.Pending, JobStatus.Cancelled),
        (JobStatus.Processing, JobStatus.Completed),
        (JobStatus.Processing, JobStatus.Failed),
        (JobStatus.Processing, JobStatus.Cancelled),
        // A lost device lease or a draining device puts the job back in the queue.
        (JobStatus.Processing, JobStatus.Pending),
        // Retry.
        (JobStatus.Failed, JobStatus.Pending),
        (JobStatus.Cancelled, JobStatus.Pending),
    ];

    public static bool IsAllowed(JobStatus from, JobStatus to) => Allowed.Contains((from, to));

    public static void Ensure(JobStatus from, JobStatus to)
    {
        if (!IsAllowed(from, to))
        {
            throw new InvalidOperationException($"A job cannot go from {from.ToWire()} to {to.ToWire()}.");
        }
    }
}
