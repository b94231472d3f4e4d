using System.Diagnostics;
using AudioMusic.Domain;
using AudioMusic.Grains.Access;
using Orleans.Runtime;

namespace AudioMusic.Grains.Tests;

/// <summary>What a job hands over after its completion is stored (here, its seconds to its tenant's usage) while the
/// receiving grain's silo is dying: a call that gets no answer until the death is declared, then fails. The job's reads
/// must not wait for that call, and the seconds must still be counted, once.</summary>
public sealed class HandoffTests : IAsyncLifetime
{
    /// <summary>How long the dying silo leaves the call unanswered: longer than a read may take.</summary>
    private static readonly TimeSpan DeclaredDeadAfter = TimeSpan.FromSeconds(8);

    private readonly DyingTarget _dying = new(nameof(ITenantUsageGrain.Add));
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await TestClusters.StartAsync(cpuDevices: 1, configureSilo: silo => silo.AddIncomingGrainCallFilter(_dying.FilterAsync));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_usage_grain_on_a_dying_silo_holds_neither_the_job_nor_its_seconds()
    {
        var job = _cluster.Job(Guid.NewGuid().ToString());
        await job.Submit(new JobSubmission(
            new GenerationRequest { Task = MusicTask.Text2Music, Caption = "counted", DurationSeconds = 3, Format = AudioFormat.Wav }, 7, null, null));

        // Every read while the job completes and hands its seconds over answers at once, not after the dying call.
        var slowest = TimeSpan.Zero;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            var view = await job.GetView();
            slowest = TimeSpan.FromTicks(Math.Max(slowest.Ticks, Stopwatch.GetElapsedTime(started).Ticks));
            if (view!.Status == JobStatus.Completed && _dying.Calls > 0)
            {
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the job is {view.Status.ToWire()}, {_dying.Calls} hand-over(s) seen");
            await Task.Delay(25);
        }
        // The job reads COMPLETED while its hand-over still waits for the dying silo.
        Assert.Equal(1, _dying.Calls);
        Assert.True(slowest < TimeSpan.FromSeconds(3), $"a read waited {slowest.TotalSeconds:F1} s for the hand-over");

        // Once the call fails, the hand-over is made again and lands: the seconds are counted, once.
        var usage = _cluster.Grains.GetGrain<ITenantUsageGrain>("anonymous");
        var counted = DateTime.UtcNow + DeclaredDeadAfter + TimeSpan.FromSeconds(20);
        while ((await usage.Get(DateTimeOffset.UtcNow)).TotalSeconds == 0)
        {
            Assert.True(DateTime.UtcNow < counted, "the seconds were never counted");
            await Task.Delay(100);
        }
        Assert.Equal(2, _dying.Calls);
        Assert.Equal(3, (await usage.Get(DateTimeOffset.UtcNow)).TotalSeconds, 3);
    }

    /// <summary>A grain call filter that plays a silo dying under one method: its first call gets no answer for
    /// <see cref="DeclaredDeadAfter"/>, then fails as a call to a silo declared dead does; the calls after it go through.</summary>
    private sealed class DyingTarget(string method)
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public async Task FilterAsync(IIncomingGrainCallContext context)
        {
            if (context.MethodName == method && Interlocked.Increment(ref _calls) == 1)
            {
                await Task.Delay(DeclaredDeadAfter);
                throw new SiloUnavailableException("the silo holding the grain was declared dead");
            }
            await context.Invoke();
        }
    }
}
