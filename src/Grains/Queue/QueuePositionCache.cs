using Microsoft.Extensions.Options;

namespace AudioMusic.Grains.Queue;

/// <summary>A per-silo copy of the queue's waiting sequence numbers and work estimates, refreshed in the background, so
/// a status read computes its queue position and ETA locally instead of calling the one queue grain on every read.</summary>
public sealed class QueuePositionCache
{
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxAge;
    private QueueSnapshot _snapshot = QueueSnapshot.Empty;
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private int _refreshing;

    public QueuePositionCache(IGrainFactory grains, TimeProvider time, IOptions<QueueOptions> options)
    {
        _grains = grains;
        _time = time;
        _maxAge = options.Value.PositionRefresh;
    }

    /// <summary>The queue as of the last refresh (positions, and the work the ETAs are estimated from).</summary>
    public QueueSnapshot Current
    {
        get
        {
            if (_time.GetUtcNow() - _fetchedAt > _maxAge)
            {
                RefreshInBackground();
            }
            return Volatile.Read(ref _snapshot);
        }
    }

    private void Publish(QueueSnapshot snapshot)
    {
        Volatile.Write(ref _snapshot, snapshot);
        _fetchedAt = _time.GetUtcNow();
    }

    private void RefreshInBackground()
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                Publish(await _grains.GetGrain<IJobQueueGrain>(JobQueueGrain.DefaultKey).GetSnapshot());
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                // Positions stay as they were until the next read tries again.
            }
            finally
            {
                Volatile.Write(ref _refreshing, 0);
            }
        });
    }
}
