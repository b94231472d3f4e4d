namespace AudioMusic.Grains.Queue;

/// <summary>The waiting jobs in arrival order, bounded. Sequence numbers are strictly increasing UTC ticks, so a
/// rebuilt queue keeps the original order and positions stay comparable across rebuilds.</summary>
public sealed class DispatchQueue
{
    private readonly SortedSequenceList _order = new();
    private readonly Dictionary<long, QueueTicket> _bySequence = [];
    private readonly Dictionary<string, long> _sequenceOf = new(StringComparer.Ordinal);
    private long _lastSequence;

    public DispatchQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count => _bySequence.Count;

    public bool IsFull => Count >= Capacity;

    /// <summary>Monotonic even if the clock steps back.</summary>
    public long NextSequence(DateTimeOffset now)
    {
        _lastSequence = Math.Max(now.UtcTicks, _lastSequence + 1);
        return _lastSequence;
    }

    public bool Contains(string jobId) => _sequenceOf.ContainsKey(jobId);

    /// <summary>Adds a ticket that already carries its sequence. Re-adding a job replaces its old place.</summary>
    public void Add(QueueTicket ticket)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ticket.Sequence);
        Remove(ticket.JobId);
        _order.Add(ticket.Sequence);
        _bySequence[ticket.Sequence] = ticket;
        _sequenceOf[ticket.JobId] = ticket.Sequence;
        _lastSequence = Math.Max(_lastSequence, ticket.Sequence);
    }

    public bool Remove(string jobId)
    {
        if (!_sequenceOf.Remove(jobId, out var sequence))
        {
            return false;
        }
        _bySequence.Remove(sequence);
        _order.Remove(sequence);
        return true;
    }

    /// <summary>Removes and returns the oldest ticket <paramref name="canRun"/> accepts: FIFO among what the device can run.</summary>
    public QueueTicket? TakeFirst(Func<QueueTicket, bool> canRun)
    {
        var taken = _order.Select(sequence => _bySequence[sequence]).FirstOrDefault(canRun);
        if (taken is not null)
        {
            Remove(taken.JobId);
        }
        return taken;
    }

    /// <summary>Queue positions as of now, and the estimated work up to each sampled job (one pass over the queue).</summary>
    public QueueSnapshot Snapshot(long version, Func<QueueTicket, double> estimate)
    {
        var snapshot = _order.ToSnapshot(version);
        var workThrough = new double[snapshot.SampledSequences.Length];
        var work = 0.0;
        var index = 0;
        foreach (var sequence in _order)
        {
            work += estimate(_bySequence[sequence]);
            if (index % snapshot.Stride == 0)
            {
                workThrough[index / snapshot.Stride] = work;
            }
            index++;
        }
        return snapshot with { WorkThrough = workThrough };
    }
}
