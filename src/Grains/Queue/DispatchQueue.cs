namespace AudioMusic.Grains.Queue;

/// <summary>The waiting jobs in the order they will run, bounded. Tenants take turns, and each tenant's jobs keep the
/// order they came in: a job's sequence is one <see cref="Round"/> after the later of the front of the line and the
/// tenant's own previous job (start-time fair queuing, all tenants weighing the same). So a tenant with 500 jobs
/// waiting holds one place in each round, and another tenant's new job lands in the next round, behind at most one job
/// of each tenant already there: among the next few to start. One order serves dispatch, positions and ETAs alike;
/// the sequences are stored with the jobs, so a rebuilt queue has the same order. Without tenants (keys off) every job
/// is the same tenant's: first come, first served.</summary>
public sealed class DispatchQueue
{
    /// <summary>The distance between one tenant's consecutive jobs; the tenants sharing a round fit between.</summary>
    public const long Round = 1_000_000;

    private readonly SortedSequenceList _order = new();
    private readonly Dictionary<long, QueueTicket> _bySequence = [];
    private readonly Dictionary<string, long> _sequenceOf = new(StringComparer.Ordinal);
    // Each tenant's latest sequence, waiting or not; and the sequence of the job taken last, the front of an empty line.
    private readonly Dictionary<string, long> _lastOfTenant = new(StringComparer.Ordinal);
    private long _lastTaken;

    public DispatchQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count => _bySequence.Count;

    public bool IsFull => Count >= Capacity;

    /// <summary>The sequence of a new job of <paramref name="owner"/>'s: its turn in the next round the tenant has
    /// not had yet.</summary>
    public long NextSequence(string? owner)
    {
        var front = _order.Count > 0 ? _order.First : _lastTaken;
        var sequence = Math.Max(front, _lastOfTenant.GetValueOrDefault(owner ?? "")) + Round;
        // The round's place is taken (by the tenant with the backlog, or another newcomer): line up behind it.
        while (_bySequence.ContainsKey(sequence))
        {
            sequence++;
        }
        _lastOfTenant[owner ?? ""] = sequence;
        return sequence;
    }

    /// <summary>How many waiting jobs run before the one with this sequence.</summary>
    public int PositionOf(long sequence) => _order.CountBelow(sequence);

    public bool Contains(string jobId) => _sequenceOf.ContainsKey(jobId);

    /// <summary>Adds a ticket that already carries its sequence. Re-adding a job replaces its old place.</summary>
    public void Add(QueueTicket ticket)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ticket.Sequence);
        Remove(ticket.JobId);
        _order.Add(ticket.Sequence);
        _bySequence[ticket.Sequence] = ticket;
        _sequenceOf[ticket.JobId] = ticket.Sequence;
        var tenant = ticket.Owner ?? "";
        _lastOfTenant[tenant] = Math.Max(_lastOfTenant.GetValueOrDefault(tenant), ticket.Sequence);
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

    /// <summary>Removes and returns the first ticket in line that <paramref name="canRun"/> accepts.</summary>
    public QueueTicket? TakeFirst(Func<QueueTicket, bool> canRun)
    {
        var taken = _order.Select(sequence => _bySequence[sequence]).FirstOrDefault(canRun);
        if (taken is not null)
        {
            Remove(taken.JobId);
            _lastTaken = Math.Max(_lastTaken, taken.Sequence);
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
