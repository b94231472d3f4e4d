using AudioMusic.Grains.Queue;

namespace AudioMusic.Grains.Tests;

public sealed class QueueSnapshotTests
{
    [Fact]
    public void Positions_are_exact_in_a_queue_that_fits_the_samples()
    {
        long[] waiting = [10, 20, 30, 40];
        var snapshot = Snapshot(1, waiting);
        Assert.Equal(1, snapshot.Stride);
        Assert.Equal([0, 1, 2, 3], waiting.Select(snapshot.PositionOf));
        // A job that already left the queue (or was never in it) is placed behind the older ones still waiting.
        Assert.Equal(0, snapshot.PositionOf(5));
        Assert.Equal(2, snapshot.PositionOf(25));
        Assert.Equal(4, snapshot.PositionOf(50));
    }

    [Fact]
    public void A_deep_queue_is_sampled_and_positions_stay_within_one_stride()
    {
        var waiting = Enumerable.Range(1, 100_000).Select(i => (long)i * 3).ToArray();
        var snapshot = Snapshot(7, waiting);
        Assert.True(snapshot.SampledSequences.Length <= QueueSnapshot.MaxSamples);
        Assert.Equal(100_000, snapshot.Count);
        Assert.Equal(13, snapshot.Stride);
        for (var position = 0; position < waiting.Length; position += 997)
        {
            var estimate = snapshot.PositionOf(waiting[position]);
            Assert.InRange(estimate, position - snapshot.Stride, position + snapshot.Stride);
        }
        Assert.Equal(0, snapshot.PositionOf(waiting[0]));
        Assert.InRange(snapshot.PositionOf(waiting[^1]), waiting.Length - snapshot.Stride, waiting.Length - 1);
        Assert.Equal(100_000, snapshot.PositionOf(long.MaxValue));
    }

    [Fact]
    public void An_empty_queue_puts_everyone_first()
    {
        Assert.Equal(0, QueueSnapshot.Empty.PositionOf(42));
        Assert.Equal(0, Snapshot(1, []).PositionOf(42));
    }

    private static QueueSnapshot Snapshot(long version, long[] waiting)
    {
        var list = new SortedSequenceList();
        foreach (var sequence in waiting)
        {
            list.Add(sequence);
        }
        return list.ToSnapshot(version);
    }
}
