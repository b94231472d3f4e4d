using AudioMusic.Domain;

namespace AudioMusic.Grains;

/// <summary>One job, keyed by its id: the only writer of the job's state, which it persists on every change.
/// Its state machine allows PENDING → PROCESSING → COMPLETED | FAILED | CANCELLED, PROCESSING → PENDING
/// (lease lost or handed back), PENDING → CANCELLED, and FAILED | CANCELLED → PENDING (retry).</summary>
public interface IJobGrain : IGrainWithStringKey
{
    Task<SubmitOutcome> Submit(JobSubmission submission);

    /// <summary>The job, or null when this id holds none.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<JobView?> GetView();

    /// <summary>The job's events after <paramref name="after"/>; when there are none yet and the job is still going,
    /// waits up to <paramref name="wait"/> (at most 20 s) for the next. Interleaves, so waiting readers hold nothing up;
    /// a reader that goes away cancels its wait (Orleans carries the cancellation to the grain).</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<Events.JobEventPage> WaitForEvents(long after, TimeSpan wait, CancellationToken cancellationToken = default);

    /// <summary>The job's webhook and its deliveries' ids; null when this id holds no job.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<Webhooks.JobWebhooks?> GetWebhooks();

    Task<CommandOutcome> Rename(string? displayName);

    /// <summary>Cancels a pending or running job; a finished job is a conflict.</summary>
    Task<CommandOutcome> Cancel();

    /// <summary>Deletes a finished job and its audio. A pending or running job is cancelled instead.</summary>
    Task<CommandOutcome> Delete();

    /// <summary>Queues a failed or cancelled job again, with its seeds; anything else is a conflict.</summary>
    Task<CommandOutcome> Retry();

    // --- called by the queue, devices and the recovery sweep ---

    /// <summary>The job's place in the queue when it is pending (used to rebuild the queue), else null.
    /// Interleaves: the queue asks while the job may itself be waiting on the queue.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<QueueTicket?> GetQueueTicket();

    /// <summary>Starts a new attempt on <paramref name="deviceKey"/>; null when the job is no longer pending.</summary>
    Task<JobLease?> Start(string deviceKey);

    /// <summary>Extends the attempt's lease; false when the attempt is stale (cancelled, or taken over).</summary>
    Task<bool> RenewLease(int attempt, double progress, string stage);

    /// <summary>Completes the attempt; false (and nothing changes) when the attempt is stale.</summary>
    Task<bool> Complete(int attempt, JobResult result);

    /// <summary>Fails the attempt: <paramref name="retryable"/> failures are queued again until the attempt limit.</summary>
    Task<bool> Fail(int attempt, string error, bool retryable);

    /// <summary>A draining device gives a running attempt back to the queue.</summary>
    Task<bool> HandBack(int attempt);

    /// <summary>The sweep's call when the attempt's lease has run out: queue again, or fail at the attempt limit.</summary>
    Task RecoverExpiredLease(int attempt);

    /// <summary>Retention or the memory limit: deletes the audio of a job completed before <paramref name="cutoff"/> and
    /// records when and why; the job itself stays. False when there was nothing to delete.</summary>
    Task<bool> ExpireAudio(DateTimeOffset cutoff, AudioExpiry reason);
}
