using AudioMusic.Grains.Events;

namespace AudioMusic.Grains.Jobs;

/// <summary>A job's recent events and the readers waiting for the next one. Transitions are kept in the job's persisted
/// state (the last <see cref="Capacity"/>), so a reader can replay what it missed after the job's silo died; progress
/// reports are frequent and only in memory, and only the newest is kept. Runs inside the JobGrain's turns, so it needs
/// no lock.</summary>
internal sealed class JobEventLog
{
    public const int Capacity = 50;

    private readonly List<JobEvent> _unpublished = [];
    private JobEvent? _progress;
    private TaskCompletionSource _next = NewSignal();

    /// <summary>Records a transition in <paramref name="job"/>'s state; the grain persists it, then calls
    /// <see cref="Publish"/>, so readers see an event only once its transition is stored.</summary>
    public void Transition(JobState job, string type, DateTimeOffset at, int? queuePosition = null, string? reason = null)
    {
        job.EventTransitions++;
        var recorded = Snapshot(job, job.EventTransitions * JobEvent.TransitionStride, type, at, queuePosition, reason);
        job.Events = [.. job.Events.TakeLast(Capacity - 1), recorded];
        _unpublished.Add(recorded);
        _progress = null;
    }

    /// <summary>A progress report: numbered after the last transition, kept in memory until the next one.</summary>
    public void Progress(JobState job, DateTimeOffset at)
    {
        var sequence = (_progress?.Sequence ?? job.EventTransitions * JobEvent.TransitionStride) + 1;
        _progress = Snapshot(job, sequence, JobEventTypes.Progress, at, null, null);
        _unpublished.Add(_progress);
    }

    /// <summary>A job that is gone: readers get this last event, which nothing stores.</summary>
    public void Deleted(JobState job, DateTimeOffset at)
    {
        _progress = Snapshot(job, (job.EventTransitions + 1) * JobEvent.TransitionStride, JobEventTypes.Deleted, at, null, null);
        _unpublished.Add(_progress);
    }

    /// <summary>Wakes every waiting reader, and hands over the events recorded since the last call (for the
    /// cluster-wide feed).</summary>
    public IReadOnlyList<JobEvent> Publish()
    {
        var woken = _next;
        _next = NewSignal();
        woken.TrySetResult();
        var published = _unpublished.ToList();
        _unpublished.Clear();
        return published;
    }

    /// <summary>Events after <paramref name="after"/>, oldest first.</summary>
    public IReadOnlyList<JobEvent> After(JobState job, long after)
    {
        var events = job.Events.Where(e => e.Sequence > after).ToList();
        if (_progress is { } latest && latest.Sequence > after)
        {
            events.Add(latest);
        }
        return events;
    }

    /// <summary>Completes when the next event is published.</summary>
    public Task Next => _next.Task;

    private static JobEvent Snapshot(JobState job, long sequence, string type, DateTimeOffset at, int? queuePosition, string? reason) =>
        new(sequence, type, at, job.Status, Math.Round(job.Progress, 1), job.Stage, job.Attempt, job.Device, queuePosition, reason);

    // Continuations run outside the grain's turn that publishes, on the grain's scheduler when a grain awaits it.
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
