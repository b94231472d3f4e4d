namespace AudioMusic.Grains.Events;

/// <summary>The cluster's feed of every job's events: a bounded window of the latest (<see cref="Capacity"/>), numbered
/// by a clock that only grows, and readers long-polling it exactly as they long-poll one job.</summary>
public sealed class JobEventFeedGrain : Grain, IJobEventFeedGrain
{
    public const int Capacity = 10_000;

    /// <summary>The longest a reader's call waits, within Orleans' default call timeout.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(20);

    private readonly Queue<FeedEvent> _window = new();
    private readonly TimeProvider _time;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _last;

    public JobEventFeedGrain(TimeProvider time) => _time = time;

    public Task Publish(string jobId, string? owner, JobEvent jobEvent)
    {
        var microseconds = (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10;
        _last = Math.Max(_last + 1, microseconds);
        _window.Enqueue(new FeedEvent(_last, jobId, jobEvent, owner));
        while (_window.Count > Capacity)
        {
            _window.Dequeue();
        }
        var woken = _next;
        _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        woken.TrySetResult();
        return Task.CompletedTask;
    }

    // A long poll: profiled, its wait would read as the slowest method of the cluster.
    [Orleans.Dashboard.NoProfiling]
    public async Task<IReadOnlyList<FeedEvent>> WaitForEvents(long after, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var events = After(after);
        if (events.Count == 0 && wait > TimeSpan.Zero)
        {
            // Woken by the next event, the timeout or the reader leaving: each just ends the wait.
            await _next.Task.WaitAsync(TimeSpan.FromTicks(Math.Min(wait.Ticks, MaxWait.Ticks)), cancellationToken)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            events = After(after);
        }
        return events;
    }

    private List<FeedEvent> After(long after) => _window.Where(e => e.Sequence > after).ToList();
}
