using AudioMusic.Domain;
using AudioMusic.Grains.Events;

namespace AudioMusic.Grains.Jobs;

/// <summary>The JobGrain's events: readers waiting for them, and handing them to the cluster-wide feed (see
/// <see cref="JobEventLog"/> for how they are kept).</summary>
public sealed partial class JobGrain
{
    /// <summary>The longest a reader's call waits for the next event, within Orleans' default call timeout.</summary>
    private static readonly TimeSpan MaxEventWait = TimeSpan.FromSeconds(20);

    // A long poll: its latency is the wait for the next event, which would read as the slowest method of the cluster.
    [Orleans.Dashboard.NoProfiling]
    public async Task<JobEventPage> WaitForEvents(long after, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var events = _events.After(Job, after);
        if (events.Count == 0 && Exists && !Job.Status.IsTerminal() && wait > TimeSpan.Zero)
        {
            var timeout = TimeSpan.FromTicks(Math.Min(wait.Ticks, MaxEventWait.Ticks));
            // Woken by the next event, the timeout or the reader leaving: each just ends the wait.
            await _events.Next.WaitAsync(timeout, cancellationToken)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            events = _events.After(Job, after);
        }
        return new JobEventPage(Exists, !Exists || Job.Status.IsTerminal(), events);
    }

    /// <summary>Wakes this job's readers, hands its new events to the cluster-wide feed (a one-way call) and to its
    /// webhook.</summary>
    private async Task PublishEventsAsync()
    {
        var published = _events.Publish();
        foreach (var next in published)
        {
            await GrainFactory.GetGrain<IJobEventFeedGrain>(0).Publish(JobId, Job.Owner, next);
        }
        await DeliverWebhooksAsync(published);
    }
}
