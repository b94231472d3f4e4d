using AudioMusic.Grains.Queue;

namespace AudioMusic.Grains.Tests;

public sealed class SortedSequenceListTests
{
    [Fact]
    public void Stays_sorted_and_distinct_through_random_inserts_and_removals()
    {
        // Against SortedSet as the reference: mostly growing sequences like a live queue, with old ones re-inserted
        // (a rebuild), removals from the front (dispatch) and from anywhere (cancels), enough to split many chunks.
        var random = new Random(20261128);
        var list = new SortedSequenceList();
        var reference = new SortedSet<long>();
        var next = 1_000L;
        for (var step = 0; step < 60_000; step++)
        {
            var roll = random.Next(10);
            if (roll < 5)
            {
                next += random.Next(1, 4);
                Assert.Equal(reference.Add(next), list.Add(next));
            }
            else if (roll < 7)
            {
                var old = random.NextInt64(0, next);
                Assert.Equal(reference.Add(old), list.Add(old));
            }
            else if (roll < 8 && reference.Count > 0)
            {
                var oldest = reference.Min;
                Assert.Equal(reference.Remove(oldest), list.Remove(oldest));
            }
            else
            {
                var any = random.NextInt64(0, next + 10);
                Assert.Equal(reference.Remove(any), list.Remove(any));
            }
        }
        Assert.Equal(reference.Count, list.Count);
        Assert.Equal(reference, list);
    }

    [Fact]
    public void A_snapshot_samples_every_stride_th_sequence()
    {
        var list = new SortedSequenceList();
        var sequences = Enumerable.Range(1, 50_000).Select(i => (long)i * 7).ToArray();
        // Inserted out of order so that chunks split and differ in size.
        foreach (var sequence in sequences.Where((_, i) => i % 2 == 1).Concat(sequences.Where((_, i) => i % 2 == 0)))
        {
            Assert.True(list.Add(sequence));
        }
        Assert.False(list.Add(sequences[123]));
        foreach (var removed in sequences.Where((_, i) => i % 5 == 0))
        {
            Assert.True(list.Remove(removed));
        }
        var waiting = sequences.Where((_, i) => i % 5 != 0).ToArray();

        var snapshot = list.ToSnapshot(3);
        Assert.Equal(waiting.Length, snapshot.Count);
        Assert.Equal(waiting[^1], snapshot.LastSequence);
        Assert.Equal(5, snapshot.Stride);
        Assert.Equal(waiting.Where((_, i) => i % snapshot.Stride == 0), snapshot.SampledSequences);
    }

    [Fact]
    public void Removing_what_is_not_there_changes_nothing()
    {
        var list = new SortedSequenceList();
        Assert.False(list.Remove(5));
        list.Add(10);
        Assert.False(list.Remove(5));
        Assert.False(list.Remove(11));
        Assert.True(list.Remove(10));
        Assert.Empty(list);
        Assert.Equal(0, list.ToSnapshot(1).LastSequence);
    }
}
