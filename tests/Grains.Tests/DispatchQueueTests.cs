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
    public void Sequences_only_grow_even_when_the_clock_steps_back()
    {
        var queue = new DispatchQueue(10);
        var now = DateTimeOffset.UtcNow;
        var first = queue.NextSequence(now);
        var second = queue.NextSequence(now - TimeSpan.FromMinutes(5));
        Assert.True(second > first);
    }

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
