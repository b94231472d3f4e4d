namespace AudioMusic.Grains.Queue;

/// <summary>The waiting jobs in arrival order, bounded. Sequence numbers are strictly increasing UTC ticks, so a
/// rebuilt queue keeps the original order and positions stay comparable across rebuilds.</summary>
public sealed class DispatchQueue
{
    private readonly SortedDictionary<long, QueueTicket> _bySequence = new();
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
        return true;
    }

    /// <summary>Removes and returns the oldest ticket <paramref name="canRun"/> accepts: FIFO among what the device can run.</summary>
    public QueueTicket? TakeFirst(Func<QueueTicket, bool> canRun)
    {
        foreach (var ticket in _bySequence.Values)
        {
            if (canRun(ticket))
            {
                Remove(ticket.JobId);
                return ticket;
            }
        }
        return null;
    }

    public IEnumerable<QueueTicket> Waiting => _bySequence.Values;

    public IReadOnlyCollection<long> WaitingSequences => _bySequence.Keys;
}
