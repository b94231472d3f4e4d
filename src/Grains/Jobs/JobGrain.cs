using AudioMusic.Domain;
using AudioMusic.Grains.Events;
using AudioMusic.Grains.Queue;
using AudioMusic.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AudioMusic.Grains.Jobs;

/// <summary>The single writer of one job's state. Every transition is persisted before it is acknowledged, and
/// mirrored into the job index for listing and the recovery sweep.</summary>
public sealed partial class JobGrain : Grain, IJobGrain
{
    /// <summary>The name the job's state is stored under (export and import address it directly).</summary>
    public const string StateName = "job";

    private readonly IPersistentState<JobState> _state;
    private readonly IJobIndex _index;
    private readonly IArtifactStore _artifacts;
    private readonly QueuePositionCache _positions;
    private readonly Engines.EngineCatalog _engines;
    private readonly JobOptions _options;
    private readonly Resilience.Handoff _handoff;
    private readonly TimeProvider _time;
    private readonly ILogger<JobGrain> _logger;
    private readonly JobEventLog _events = new();
    private string? _jobId;
    private IJobQueueGrain? _queue;

    public JobGrain(
        [PersistentState(StateName, StorageNames.Jobs)] IPersistentState<JobState> state,
        IJobIndex index,
        IArtifactStore artifacts,
        QueuePositionCache positions,
        Engines.EngineCatalog engines,
        IOptions<JobOptions> options,
        Resilience.Handoff handoff,
        TimeProvider time,
        ILogger<JobGrain> logger)
    {
        _state = state;
        _index = index;
        _artifacts = artifacts;
        _positions = positions;
        _engines = engines;
        _options = options.Value;
        _handoff = handoff;
        _time = time;
        _logger = logger;
    }

    private JobState Job => _state.State;

    private bool Exists => Job.Request is not null;

    // Both are asked for on every call; resolving them once per activation saves a string and a reference each time.
    private string JobId => _jobId ??= this.GetPrimaryKeyString();

    private IJobQueueGrain Queue => _queue ??= GrainFactory.GetGrain<IJobQueueGrain>(JobQueueGrain.DefaultKey);

    public async Task<SubmitOutcome> Submit(JobSubmission submission)
    {
        if (Exists)
        {
            return new SubmitOutcome(SubmitStatus.AlreadyExists, View(), null, null);
        }
        var enqueue = await Queue.Enqueue(new QueueTicket(JobId, submission.Request, 0, submission.Owner));
        switch (enqueue.Status)
        {
            case EnqueueStatus.QueueFull:
                return new SubmitOutcome(SubmitStatus.QueueFull, null, null, enqueue.RetryAfter);
            case EnqueueStatus.Unservable:
                return new SubmitOutcome(SubmitStatus.Unservable, null, enqueue.Error, null);
        }

        var now = _time.GetUtcNow();
        _state.State = new JobState
        {
            Request = submission.Request,
            Plan = submission.Plan,
            Seeds = VariationSeeds.For(submission.Seed, submission.Request.BatchSize),
            Owner = submission.Owner,
            Status = JobStatus.Pending,
            Stage = "queued",
            QueueSequence = enqueue.Sequence,
            QueuedAt = now,
            CreatedAt = now,
            DisplayName = submission.Request.DisplayName,
            Webhook = submission.Webhook,
            TraceParent = System.Diagnostics.Activity.Current?.Id,
        };
        _events.Transition(Job, JobEventTypes.Queued, now, enqueue.Position);
        try
        {
            await PersistAsync();
        }
        catch
        {
            // Nothing half-created: the queue must not keep a job that was never stored.
            _state.State = new JobState();
            await Queue.Remove(JobId);
            throw;
        }
        LogSubmitted(JobId, submission.Request.Task.ToWire());
        CountSubmitted();
        // A queued job may wait minutes, and the queue can hold millions: its state is stored, so keeping the
        // activation (some fifty objects) until the device takes it only feeds the garbage collector, whose pauses
        // then lengthen every request. The next call activates it again from storage.
        DeactivateOnIdle();
        return new SubmitOutcome(SubmitStatus.Accepted, View() with { QueuePosition = enqueue.Position }, null, null);
    }

    public Task<JobView?> GetView() => Task.FromResult(Exists ? View() : null);

    public Task<QueueTicket?> GetQueueTicket() =>
        Task.FromResult(Exists && Job.Status == JobStatus.Pending ? new QueueTicket(JobId, Job.Request!, Job.QueueSequence, Job.Owner) : null);

    public async Task<CommandOutcome> Rename(string? displayName)
    {
        if (!Exists)
        {
            return CommandOutcome.NotFound;
        }
        Job.DisplayName = displayName;
        Job.Request = Job.Request! with { DisplayName = displayName };
        await PersistAsync();
        return CommandOutcome.Ok(View());
    }

    public async Task<CommandOutcome> Cancel()
    {
        if (!Exists)
        {
            return CommandOutcome.NotFound;
        }
        if (Job.Status.IsTerminal())
        {
            return CommandOutcome.Conflict(View(), $"the job is already {Job.Status.ToWire()}");
        }
        var wasRunningOn = Job.Status == JobStatus.Processing ? Job.Device : null;
        Move(JobStatus.Cancelled);
        Job.Stage = "cancelled";
        Job.CompletedAt = _time.GetUtcNow();
        Job.LeaseExpiresAt = null;
        _events.Transition(Job, JobEventTypes.Cancelled, Job.CompletedAt.Value);
        await PersistAsync();
        if (wasRunningOn is not null)
        {
            // The attempt is already stale for the JobGrain; this only frees the device quickly, so it is a one-way
            // notification: a device on a dying silo cannot hold the cancellation (its lease fence stops it anyway).
            await GrainFactory.GetGrain<IInferenceGrain>(wasRunningOn).Cancel(JobId, Job.Attempt);
        }
        else
        {
            await Queue.Remove(JobId);
        }
        LogCancelled(JobId);
        CountFinished(JobStatus.Cancelled, ran: wasRunningOn is not null);
        DeactivateOnIdle();
        return CommandOutcome.Ok(View());
    }

    public async Task<CommandOutcome> Delete()
    {
        if (!Exists)
        {
            return CommandOutcome.NotFound;
        }
        if (!Job.Status.IsTerminal())
        {
            return await Cancel();
        }
        await _artifacts.DeleteJobAsync(JobId, CancellationToken.None);
        await _index.DeleteAsync(JobId, CancellationToken.None);
        _events.Deleted(Job, _time.GetUtcNow());
        await PublishEventsAsync();
        await _state.ClearStateAsync();
        _state.State = new JobState();
        DeactivateOnIdle();
        return CommandOutcome.Ok(null);
    }

    public async Task<CommandOutcome> Retry()
    {
        if (!Exists)
        {
            return CommandOutcome.NotFound;
        }
        if (Job.Status is not (JobStatus.Failed or JobStatus.Cancelled))
        {
            return CommandOutcome.Conflict(View(), $"only FAILED or CANCELLED jobs can be retried; this one is {Job.Status.ToWire()}");
        }
        var enqueue = await Queue.Enqueue(new QueueTicket(JobId, Job.Request!, 0, Job.Owner));
        if (enqueue.Status == EnqueueStatus.QueueFull)
        {
            return CommandOutcome.QueueFull(View(), enqueue.RetryAfter ?? TimeSpan.FromSeconds(5));
        }
        if (enqueue.Status == EnqueueStatus.Unservable)
        {
            return CommandOutcome.Conflict(View(), enqueue.Error?.Message ?? "no device can run this job");
        }
        Move(JobStatus.Pending);
        Job.QueueSequence = enqueue.Sequence;
        Job.QueuedAt = _time.GetUtcNow();
        Job.Progress = 0;
        Job.Stage = "queued";
        Job.Error = null;
        Job.CompletedAt = null;
        // A retry gets a fresh attempt budget (the limit guards against one poison job looping forever), but the
        // attempt number keeps growing: artifact keys and stale-result checks rely on it never repeating.
        Job.AttemptsBeforeRetry = Job.Attempt;
        _events.Transition(Job, JobEventTypes.Queued, _time.GetUtcNow(), enqueue.Position);
        await PersistAsync();
        return CommandOutcome.Ok(View());
    }

    public async Task<JobLease?> Start(string deviceKey)
    {
        if (!Exists || Job.Status != JobStatus.Pending)
        {
            return null;
        }
        var now = _time.GetUtcNow();
        Move(JobStatus.Processing);
        Job.Attempt++;
        Job.Device = deviceKey;
        Job.LeaseExpiresAt = now + _options.LeaseDuration;
        Job.StartedAt ??= now;
        Job.AttemptStartedAt = now;
        Job.Progress = 0;
        Job.Stage = "starting";
        _events.Transition(Job, JobEventTypes.Started, now);
        await PersistAsync();
        CountStarted(now);
        return new JobLease(JobId, Job.Attempt, Job.Request!, Job.Seeds, Job.LeaseExpiresAt.Value, Job.TraceParent, QueuedAt);
    }

    // Every running job renews each second: profiled, it would crowd everything else out of the dashboard's method list.
    [Orleans.Dashboard.NoProfiling]
    public async Task<bool> RenewLease(int attempt, double progress, string stage)
    {
        if (!IsCurrent(attempt))
        {
            return false;
        }
        Job.LeaseExpiresAt = _time.GetUtcNow() + _options.LeaseDuration;
        Job.Progress = Math.Clamp(progress, Job.Progress, 99.9);
        Job.Stage = stage;
        // Only the index learns of renewals: the sweep reads leases there, and writing grain state every second
        // per running job would cost more than it protects (progress restarts from the last transition at worst).
        await _index.UpsertAsync(IndexEntry(), CancellationToken.None);
        _events.Progress(Job, _time.GetUtcNow());
        await PublishEventsAsync();
        return true;
    }

    public async Task<bool> Complete(int attempt, JobResult result)
    {
        if (!IsCurrent(attempt))
        {
            LogStaleResult(JobId, attempt, Job.Attempt);
            return false;
        }
        Move(JobStatus.Completed);
        Job.Progress = 100;
        Job.Stage = "done";
        Job.Resolved = result.Resolved;
        Job.Audio = result.Audio;
        Job.CompletedAt = _time.GetUtcNow();
        Job.LeaseExpiresAt = null;
        _events.Transition(Job, JobEventTypes.Completed, Job.CompletedAt.Value);
        await PersistAsync();
        LogCompleted(JobId, attempt);
        await CountAudioAsync();
        CountFinished(JobStatus.Completed, ran: true);
        // A finished job is read now and then, and its state is stored: an activation kept until the collector's idle
        // age would hold every song of a busy day in memory.
        DeactivateOnIdle();
        return true;
    }

    public async Task<bool> Fail(int attempt, string error, bool retryable)
    {
        if (!IsCurrent(attempt))
        {
            return false;
        }
        if (retryable && AttemptsSinceRetry < _options.MaxAttempts && await TryRequeueAsync($"attempt {attempt} failed: {error}"))
        {
            return true;
        }
        Move(JobStatus.Failed);
        Job.Error = error;
        Job.Stage = "failed";
        Job.CompletedAt = _time.GetUtcNow();
        Job.LeaseExpiresAt = null;
        _events.Transition(Job, JobEventTypes.Failed, Job.CompletedAt.Value, reason: error);
        await PersistAsync();
        LogFailed(JobId, attempt, error);
        CountFinished(JobStatus.Failed, ran: true);
        DeactivateOnIdle();
        return true;
    }

    public async Task<bool> HandBack(int attempt)
    {
        if (!IsCurrent(attempt))
        {
            return false;
        }
        if (!await TryRequeueAsync("handed back by a draining device"))
        {
            await Fail(attempt, "the device shut down and the queue could not take the job back", retryable: false);
        }
        return true;
    }

    public async Task RecoverExpiredLease(int attempt)
    {
        if (!IsCurrent(attempt) || Job.LeaseExpiresAt is not { } lease || lease > _time.GetUtcNow())
        {
            return;
        }
        LogLeaseExpired(JobId, attempt, Job.Device ?? "?");
        if (AttemptsSinceRetry >= _options.MaxAttempts)
        {
            await Fail(attempt, $"the device running the job was lost {AttemptsSinceRetry} times (attempt limit {_options.MaxAttempts})", retryable: false);
            return;
        }
        if (!await TryRequeueAsync($"device {Job.Device} stopped renewing its lease"))
        {
            // The queue is full: keep the job processing with a fresh lease so the next sweep tries again.
            Job.LeaseExpiresAt = _time.GetUtcNow() + _options.LeaseDuration;
            await _index.UpsertAsync(IndexEntry(), CancellationToken.None);
        }
    }

    public async Task<bool> ExpireAudio(DateTimeOffset cutoff, AudioExpiry reason)
    {
        if (!Exists || Job.Status != JobStatus.Completed || Job.AudioExpiredAt is not null || Job.CompletedAt is not { } completed || completed >= cutoff)
        {
            return false;
        }
        await _artifacts.DeleteJobAsync(JobId, CancellationToken.None);
        Job.AudioExpiredAt = _time.GetUtcNow();
        Job.AudioExpiredBy = reason;
        await PersistAsync();
        DeactivateOnIdle();
        return true;
    }

    private async Task<bool> TryRequeueAsync(string reason)
    {
        var enqueue = await Queue.Enqueue(new QueueTicket(JobId, Job.Request!, 0, Job.Owner));
        if (enqueue.Status != EnqueueStatus.Enqueued)
        {
            return false;
        }
        Move(JobStatus.Pending);
        Job.QueueSequence = enqueue.Sequence;
        Job.QueuedAt = _time.GetUtcNow();
        Job.Device = null;
        Job.LeaseExpiresAt = null;
        Job.Progress = 0;
        Job.Stage = "requeued";
        Job.Error = reason;
        _events.Transition(Job, JobEventTypes.Requeued, _time.GetUtcNow(), enqueue.Position, reason);
        await PersistAsync();
        CountRequeued();
        return true;
    }

    private int AttemptsSinceRetry => Job.Attempt - Job.AttemptsBeforeRetry;

    private bool IsCurrent(int attempt) => Exists && Job.Status == JobStatus.Processing && Job.Attempt == attempt;

    private void Move(JobStatus to)
    {
        JobTransitions.Ensure(Job.Status, to);
        Job.Status = to;
    }
}
