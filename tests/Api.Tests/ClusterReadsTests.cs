using System.Diagnostics;
using AudioMusic.ApiHost.Resilience;
using AudioMusic.Grains.Resilience;
using Orleans.Runtime;

namespace AudioMusic.Api.Tests;

/// <summary>The retry policy of reads, with failures made to order. Its tests race real timers against each other
/// (an attempt of 2.2 s against a 2-s timeout), so they run with no other test class beside them.</summary>
[Collection(RunsAlone.Name)]
public sealed class ClusterReadsTests
{
    private readonly ClusterReads _reads = new(TimeProvider.System, TimeSpan.FromSeconds(2));

    [Fact]
    public async Task Transient_failures_are_tried_again_until_the_cluster_answers()
    {
        // A generous bound: three backoffs take 0.7 s, and a test host under load must not make them look slow.
        var reads = new ClusterReads(TimeProvider.System, TimeSpan.FromSeconds(20));
        var calls = 0;
        var value = await reads.RunAsync(() => ++calls switch
        {
            1 => Task.FromException<int>(new SiloUnavailableException("silo gone")),
            2 => Task.FromException<int>(new TimeoutException("response timed out")),
            3 => Task.FromException<int>(new OrleansException("rejected", new SiloUnavailableException("the target silo left"))),
            _ => Task.FromResult(42),
        }, CancellationToken.None);

        Assert.Equal(42, value);
        Assert.Equal(4, calls);
    }

    [Fact]
    public async Task Other_failures_are_not_retried()
    {
        var calls = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => _reads.RunAsync<int>(() =>
        {
            calls++;
            throw new InvalidOperationException("a bug, not the cluster");
        }, CancellationToken.None));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_call_that_hangs_is_abandoned_at_the_bound()
    {
        var hung = new TaskCompletionSource<int>();
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => _reads.RunAsync(() => hung.Task, CancellationToken.None));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(6));
        Assert.Contains("did not answer within 2 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_that_keeps_failing_gives_up_within_the_bound()
    {
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<Exception>(() =>
            _reads.RunAsync<int>(() => Task.FromException<int>(new SiloUnavailableException("still gone")), CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"gave up after {clock.Elapsed}");
    }

    [Fact]
    public async Task An_attempt_that_hangs_is_sent_again_and_the_next_one_answers()
    {
        // The first call goes to a silo that died: it never answers. The one sent after the attempt timeout does.
        var reads = new ClusterReads(TimeProvider.System, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(300));
        var hung = new TaskCompletionSource<int>();
        var calls = 0;
        var clock = Stopwatch.StartNew();

        var value = await reads.RunAsync(() => ++calls == 1 ? hung.Task : Task.FromResult(7), CancellationToken.None);

        Assert.Equal(7, value);
        Assert.Equal(2, calls);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_slow_read_gets_the_rest_of_the_bound_on_its_last_attempt()
    {
        var reads = new ClusterReads(TimeProvider.System, TimeSpan.FromSeconds(7.8), TimeSpan.FromSeconds(2));
        var calls = 0;

        // Every attempt takes 2.2 s: two are abandoned after 2 s each, and the third, with 3.8 s left, is waited for past
        // the attempt timeout (the margin leaves room for a busy machine's late timers).
        var value = await reads.RunAsync(async () =>
        {
            var call = Interlocked.Increment(ref calls);
            await Task.Delay(TimeSpan.FromSeconds(2.2));
            return call;
        }, CancellationToken.None);

        Assert.Equal(3, value);
    }

    [Fact]
    public void Wrapped_transient_failures_are_recognised() =>
        Assert.True(TransientFailures.IsTransient(new OrleansException("call failed", new SiloUnavailableException("gone"))));
}
