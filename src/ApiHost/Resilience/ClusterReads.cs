using AudioMusic.Grains.Resilience;

namespace AudioMusic.ApiHost.Resilience;

/// <summary>Runs a read through the cluster so that a silo's death does not reach the client: a transient failure
/// (the connection to a silo lost, a silo unavailable or rejecting the message, a call timing out) is tried again with
/// backoff, and an attempt that hangs is abandoned after <see cref="AttemptTimeout"/> and sent again, all within
/// <see cref="Bound"/>. Only when the cluster cannot answer within it does the read fail, with a
/// <see cref="TimeoutException"/> that the API answers as 503 with Retry-After. Reads only, and the one write that is
/// safe to send twice: a submit, which names its new job's id, so a second try finds the job of the first.</summary>
/// <remarks>Why abandon a hanging attempt: a call to a grain whose silo was just killed goes to that silo's address and
/// gets no answer (the client waits for its response timeout, 30 s), even after the cluster has declared the silo dead
/// and a new call would activate the grain elsewhere. Sending the read again after a short wait lets the first attempt
/// after the declaration succeed (measured in tests/Cluster.Tests/ChaosTests: with one attempt per read, 4 of 38,000
/// reads during three kills waited the whole bound and got 503).</remarks>
public sealed class ClusterReads
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;

    public ClusterReads(TimeProvider time, TimeSpan bound, TimeSpan? attemptTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bound, TimeSpan.Zero);
        _time = time;
        Bound = bound;
        AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(2);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AttemptTimeout, TimeSpan.Zero);
    }

    /// <summary>How long one attempt may take before it is sent again (<c>Api:ReadAttemptTimeout</c>, default 2 s);
    /// the last attempt gets what is left of the bound.</summary>
    public TimeSpan AttemptTimeout { get; }

    /// <summary>The longest a read may take, retries included (<c>Api:ReadRetryBound</c>).</summary>
    public TimeSpan Bound { get; }

    public async Task<T> RunAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var started = _time.GetTimestamp();
        var backoff = FirstBackoff;
        while (true)
        {
            var remaining = Bound - _time.GetElapsedTime(started);
            var attempt = read();
            // The last attempt that fits gets all that is left: a read that is merely slow still gets its chance.
            var wait = remaining < 2 * AttemptTimeout ? remaining : AttemptTimeout;
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (remaining <= TimeSpan.Zero || await Task.WhenAny(attempt, Task.Delay(wait, _time, timer.Token)) != attempt)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // The abandoned call still completes (or times out) on its own; its failure must not go unobserved.
                _ = attempt.ContinueWith(t => t.Exception, TaskScheduler.Default);
                if (wait < remaining)
                {
                    continue;
                }
                throw new TimeoutException($"the cluster did not answer within {Bound.TotalSeconds:0.#} s");
            }
            await timer.CancelAsync();
            try
            {
                return await attempt;
            }
            catch (Exception ex) when (TransientFailures.IsTransient(ex) && _time.GetElapsedTime(started) + backoff < Bound)
            {
                await Task.Delay(backoff, _time, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }
}
