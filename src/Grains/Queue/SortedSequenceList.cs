namespace AudioMusic.Grains.Queue;

/// <summary>Distinct sequence numbers in ascending order, kept in sorted chunks of at most <see cref="MaxChunk"/>.
/// A busy tenant's jobs get ever larger sequences, so the usual insert is an append to the last chunk (another
/// tenant's job lands near the front, inside one chunk), and removals (a device
/// taking the oldest job, a cancel) move at most one chunk's elements. Unlike a tree, it can sample every n-th
/// sequence without visiting the others: a queue-position snapshot of a queue of a million jobs reads 8,192 numbers,
/// inside the queue grain's turn, instead of walking a million nodes.</summary>
public sealed class SortedSequenceList : IReadOnlyCollection<long>
{
    private const int MaxChunk = 1_024;

    private readonly List<List<long>> _chunks = [];

    public int Count { get; private set; }

    /// <summary>Adds <paramref name="sequence"/>; false if it is already there.</summary>
    public bool Add(long sequence)
    {
        if (_chunks.Count == 0 || sequence > _chunks[^1][^1])
        {
            if (_chunks.Count == 0 || _chunks[^1].Count >= MaxChunk)
            {
                _chunks.Add(new List<long>(MaxChunk));
            }
            _chunks[^1].Add(sequence);
            Count++;
            return true;
        }
        var chunkIndex = ChunkHolding(sequence);
        var chunk = _chunks[chunkIndex];
        var index = chunk.BinarySearch(sequence);
        if (index >= 0)
        {
            return false;
        }
        chunk.Insert(~index, sequence);
        if (chunk.Count > MaxChunk)
        {
            var upperHalf = chunk.GetRange(MaxChunk / 2, chunk.Count - MaxChunk / 2);
            chunk.RemoveRange(MaxChunk / 2, chunk.Count - MaxChunk / 2);
            _chunks.Insert(chunkIndex + 1, upperHalf);
        }
        Count++;
        return true;
    }

    /// <summary>Removes <paramref name="sequence"/>; false if it was not there.</summary>
    public bool Remove(long sequence)
    {
        if (Count == 0 || sequence > _chunks[^1][^1])
        {
            return false;
        }
        var chunkIndex = ChunkHolding(sequence);
        var chunk = _chunks[chunkIndex];
        var index = chunk.BinarySearch(sequence);
        if (index < 0)
        {
            return false;
        }
        chunk.RemoveAt(index);
        if (chunk.Count == 0)
        {
            _chunks.RemoveAt(chunkIndex);
        }
        Count--;
        return true;
    }

    /// <summary>A snapshot for queue positions: every stride-th sequence, the stride chosen so that there are at most
    /// <see cref="QueueSnapshot.MaxSamples"/>.</summary>
    public QueueSnapshot ToSnapshot(long version)
    {
        var stride = Math.Max(1, (Count + QueueSnapshot.MaxSamples - 1) / QueueSnapshot.MaxSamples);
        var samples = new long[(Count + stride - 1) / stride];
        var sampled = 0;
        var chunkStart = 0;
        foreach (var chunk in _chunks)
        {
            // The first sample that falls in this chunk, then every stride-th element of it.
            for (var i = sampled * stride - chunkStart; i < chunk.Count; i += stride)
            {
                samples[sampled++] = chunk[i];
            }
            chunkStart += chunk.Count;
        }
        return new QueueSnapshot(version, samples, stride, Count, Count == 0 ? 0 : _chunks[^1][^1]);
    }

    /// <summary>The smallest sequence; only when <see cref="Count"/> is not 0.</summary>
    public long First => _chunks[0][0];

    /// <summary>How many sequences are smaller than <paramref name="sequence"/>: its place in line.</summary>
    public int CountBelow(long sequence)
    {
        var below = 0;
        foreach (var chunk in _chunks)
        {
            if (chunk[^1] < sequence)
            {
                below += chunk.Count;
                continue;
            }
            var index = chunk.BinarySearch(sequence);
            return below + (index >= 0 ? index : ~index);
        }
        return below;
    }

    public IEnumerator<long> GetEnumerator() => _chunks.SelectMany(chunk => chunk).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The first chunk whose largest element is at least <paramref name="sequence"/> (callers ensure one is).</summary>
    private int ChunkHolding(long sequence)
    {
        int low = 0, high = _chunks.Count - 1;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_chunks[middle][^1] < sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }
}
