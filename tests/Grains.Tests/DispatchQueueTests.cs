using AudioMusic.Domain;
using AudioMusic.Grains.Devices;
using AudioMusic.Grains.Jobs;
using AudioMusic.Grains.Queue;

namespace AudioMusic.Grains.Tests;

public sealed class DispatchQueueTests
{
    private static QueueTicket Ticket(string id, long sequence, MusicTask task = MusicTask.Text2Music) =>
        new(id, new GenerationRequest { Task = task, Caption = "x" }, sequence);

    [Fact]
    public void Takes_the_oldest_job_the_device_can_run()
    {
        var queue = new DispatchQueue(10);
        queue.Add(Ticket("a", 1, MusicTask.Text2Rap));
        queue.Add(Ticket("b", 2));
        queue.Add(Ticket("c", 3));
        Assert.Equal("b", queue.TakeFirst(t => t.Request.Task == MusicTask.Text2Music)!.JobId);
        Assert.Equal("a", queue.TakeFirst(_ => true)!.JobId);
        Assert.Equal([3L], queue.Snapshot(1, _ => 1).SampledSequences);
    }

    [Fact]
    public void One_tenants_jobs_run_first_come_first_served()
    {
        var queue = new DispatchQueue(100);
        var ids = Enumerable.Range(0, 20).Select(i => $"job{i}").ToList();
        ids.ForEach(id => queue.Add(Ticket(id, queue.NextSequence(null)) with { Owner = null }));
        Assert.Equal(ids, Enumerable.Range(0, 20).Select(_ => queue.TakeFirst(_ => true)!.JobId));
    }

    [Fact]
    public void A_tenant_with_a_backlog_holds_one_place_per_round_and_another_tenants_job_starts_among_the_next_few()
    {
        var queue = new DispatchQueue(1_000);
        for (var i = 0; i < 500; i++)
        {
            Add(queue, $"a{i}", "a");
        }
        Assert.Equal("a0", queue.TakeFirst(_ => true)!.JobId);
        var b = Add(queue, "b0", "b");
        Assert.Equal(2, queue.PositionOf(b));
        Assert.Equal(["a1", "a2", "b0"], Take(queue, 3));

        // More of b's and a third tenant: one turn per tenant per round, each tenant's jobs in their own order, the
        // newcomers of a round in the order they came.
        Add(queue, "b1", "b");
        Add(queue, "b2", "b");
        Add(queue, "c0", "c");
        Assert.Equal(["a3", "a4", "b1", "c0", "a5", "b2", "a6"], Take(queue, 7));

        // A rebuilt queue (the same tickets with their stored sequences) keeps the order, fairness included.
        var rebuilt = new DispatchQueue(1_000);
        var remaining = Enumerable.Range(0, queue.Count).Select(_ => queue.TakeFirst(_ => true)!).ToList();
        foreach (var ticket in remaining.AsEnumerable().Reverse())
        {
            rebuilt.Add(ticket);
        }
        Add(rebuilt, "d0", "d");
        Assert.Equal(["a7", "a8", "d0"], Take(rebuilt, 3));
    }

    private static long Add(DispatchQueue queue, string id, string owner)
    {
        var sequence = queue.NextSequence(owner);
        queue.Add(new QueueTicket(id, new GenerationRequest { Task = MusicTask.Text2Music, Caption = "x" }, sequence, owner));
        return sequence;
    }

    private static List<string> Take(DispatchQueue queue, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => queue.TakeFirst(_ => true)!.JobId)];

    [Fact]
    public void Capacity_is_a_bound_and_re_adding_replaces()
    {
        var queue = new DispatchQueue(2);
        queue.Add(Ticket("a", 1));
        queue.Add(Ticket("a", 5));
        Assert.Equal(1, queue.Count);
        queue.Add(Ticket("b", 6));
        Assert.True(queue.IsFull);
        Assert.True(queue.Remove("a"));
        Assert.False(queue.Remove("a"));
    }

    [Fact]
    public void Device_keys_round_trip_and_reject_garbage()
    {
        var silo = SiloAddress.New(System.Net.IPAddress.Loopback, 11111, 42);
        Assert.True(DeviceKeys.TryParse(DeviceKeys.For(silo, "cuda0"), out var parsed, out var device));
        Assert.Equal(silo, parsed);
        Assert.Equal("cuda0", device);
        Assert.False(DeviceKeys.TryParse("nonsense", out _, out _));
        Assert.False(DeviceKeys.TryParse("x|", out _, out _));
    }

    [Theory]
    [InlineData(JobStatus.Completed, JobStatus.Pending)]
    [InlineData(JobStatus.Completed, JobStatus.Processing)]
    [InlineData(JobStatus.Pending, JobStatus.Completed)]
    [InlineData(JobStatus.Cancelled, JobStatus.Processing)]
    public void Illegal_transitions_are_refused(JobStatus from, JobStatus to)
    {
        Assert.False(JobTransitions.IsAllowed(from, to));
        Assert.Throws<InvalidOperationException>(() => JobTransitions.Ensure(from, to));
    }
}
