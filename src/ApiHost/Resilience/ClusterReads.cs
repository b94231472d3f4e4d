using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace AudioMusic.ApiHost.Resilience;

/// <summary>Runs a read through the cluster so that a silo's death does not reach the client: a transient failure
/// (the connection to a silo lost, a silo unavailable or rejecting the message, a call timing out) is tried again with
/// backoff, and a call that hangs is abandoned, all within <see cref="Bound"/>. Only when the cluster cannot answer
/// within it does the read fail, with a <see cref="TimeoutException"/> that the API answers as 503 with Retry-After.
/// Reads only: a retried read cannot do anything twice.</summary>
public sealed class ClusterReads
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;

    public ClusterReads(TimeProvider time, TimeSpan bound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bound, TimeSpan.Zero);
        _time = time;
        Bound = bound;
    }

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
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (remaining <= TimeSpan.Zero || await Task.WhenAny(attempt, Task.Delay(remaining, _time, timer.Token)) != attempt)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // The abandoned call still completes (or times out) on its own; its failure must not go unobserved.
                _ = attempt.ContinueWith(t => t.Exception, TaskScheduler.Default);
                throw new TimeoutException($"the cluster did not answer within {Bound.TotalSeconds:0.#} s");
            }
            await timer.CancelAsync();
            try
            {
                return await attempt;
            }
            catch (Exception ex) when (IsTransient(ex) && _time.GetElapsedTime(started) + backoff < Bound)
            {
                await Task.Delay(backoff, _time, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>Failures that another try, on the cluster as it is a moment later, may not meet.</summary>
    public static bool IsTransient(Exception error) => error switch
    {
        TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException => true,
        AggregateException { InnerExceptions.Count: 1 } aggregate => IsTransient(aggregate.InnerExceptions[0]),
        _ => error.InnerException is { } inner && IsTransient(inner),
    };
}
