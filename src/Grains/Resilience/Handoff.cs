namespace AudioMusic.Grains.Resilience;

/// <summary>Hands something to another grain after a transition is stored (a completed job's seconds to its tenant's
/// usage, an event to its webhook delivery): a call that must not be lost and must not hold the caller's turn. A grain
/// whose silo has just died answers no call until the cluster declares the silo dead (seconds; up to the 30-s response
/// timeout), and a grain's turn spent waiting for it holds every other call to that grain: a job's status reads, and
/// the device reporting its result. So the caller waits at most <see cref="TurnWait"/>; after that the hand-over goes
/// on by itself, off the grain's scheduler, trying again after a transient failure until <see cref="RetryFor"/> has
/// passed. The call must be idempotent: it may arrive twice.</summary>
public sealed class Handoff(TimeProvider time)
{
    /// <summary>How long the caller's turn waits for the hand-over; a live target answers in milliseconds.</summary>
    public TimeSpan TurnWait { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a hand-over keeps trying: well past a dead silo's declaration and its grains' reactivation.</summary>
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Makes <paramref name="call"/> until it succeeds, fails for good (<paramref name="lost"/> is told why), or
    /// keeps failing for <see cref="RetryFor"/>. Returns when it is done or <see cref="TurnWait"/> has passed.</summary>
    public async Task RunAsync(Func<Task> call, Action<Exception> lost)
    {
        // Task.Run leaves the grain's scheduler: the tries may outlive the turn, and the activation, which the caller
        // may deactivate meanwhile (grain calls from the thread pool go out as the silo's own).
        var handover = Task.Run(() => TryUntilDoneAsync(call, lost));
        try
        {
            await handover.WaitAsync(TurnWait, time);
        }
        catch (TimeoutException) when (!handover.IsCompleted)
        {
            // Still trying: it finishes, or reports the loss, on its own.
        }
    }

    private async Task TryUntilDoneAsync(Func<Task> call, Action<Exception> lost)
    {
        try
        {
            await TransientRetry.RunAsync(call, RetryFor, time);
        }
        catch (Exception ex)
        {
            lost(ex);
        }
    }
}
