using System.Diagnostics;
using AudioMusic.Domain;
using AudioMusic.Grains.Access;

namespace AudioMusic.Grains.Tests;

/// <summary>What a job tells other grains after a transition is stored (its seconds to its tenant's usage, a cancellation
/// to its device) while the receiving grain's silo is dying: a call that gets no answer until the death is declared, then
/// fails. The job's reads and commands must not wait for that call, and the seconds must still be counted, once.</summary>
public sealed class HandoffTests : IAsyncLifetime
{
    /// <summary>How long the dying silo leaves the call unanswered: longer than a read may take.</summary>
    private static readonly TimeSpan DeclaredDeadAfter = TimeSpan.FromSeconds(8);

    private readonly DyingTarget _dyingUsage = new(typeof(ITenantUsageGrain), nameof(ITenantUsageGrain.Add), DeclaredDeadAfter);
    private readonly DyingTarget _dyingDevice = new(typeof(IInferenceGrain), nameof(IInferenceGrain.Cancel), DeclaredDeadAfter);
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await TestClusters.StartAsync(cpuDevices: 1, configureSilo: silo => silo
            .AddIncomingGrainCallFilter(_dyingUsage)
            .AddIncomingGrainCallFilter(_dyingDevice));

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
            if (view!.Status == JobStatus.Completed && _dyingUsage.Calls > 0)
            {
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the job is {view.Status.ToWire()}, {_dyingUsage.Calls} hand-over(s) seen");
            await Task.Delay(25);
        }
        // The job reads COMPLETED while its hand-over still waits for the dying silo.
        Assert.Equal(1, _dyingUsage.Calls);
        Assert.True(slowest < TimeSpan.FromSeconds(3), $"a read waited {slowest.TotalSeconds:F1} s for the hand-over");

        // Once the call fails, the hand-over is made again and lands: the seconds are counted, once.
        var usage = _cluster.Grains.GetGrain<ITenantUsageGrain>("anonymous");
        var counted = DateTime.UtcNow + DeclaredDeadAfter + TimeSpan.FromSeconds(20);
        while ((await usage.Get(DateTimeOffset.UtcNow)).TotalSeconds == 0)
        {
            Assert.True(DateTime.UtcNow < counted, "the seconds were never counted");
            await Task.Delay(100);
        }
        Assert.Equal(2, _dyingUsage.Calls);
        Assert.Equal(3, (await usage.Get(DateTimeOffset.UtcNow)).TotalSeconds, 3);
    }

    [Fact]
    public async Task Cancelling_a_job_whose_device_is_on_a_dying_silo_answers_at_once()
    {
        var job = _cluster.Job(Guid.NewGuid().ToString());
        // Six seconds of the tone engine's work: still running when it is cancelled.
        await job.Submit(new JobSubmission(
            new GenerationRequest { Task = MusicTask.Text2Music, Caption = "cancelled", DurationSeconds = 300, Format = AudioFormat.Wav }, 7, null, null));
        await Polling.UntilStatusAsync(job, JobStatus.Processing);

        var started = Stopwatch.GetTimestamp();
        var cancelled = await job.Cancel();
        var took = Stopwatch.GetElapsedTime(started);
        Assert.Equal(CommandStatus.Ok, cancelled.Status);
        Assert.Equal(JobStatus.Cancelled, cancelled.Job!.Status);
        Assert.True(took < TimeSpan.FromSeconds(2), $"the cancellation waited {took.TotalSeconds:F1} s for the device");
        // The device was told.
        var told = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (_dyingDevice.Calls == 0)
        {
            Assert.True(DateTime.UtcNow < told, "the device was never told");
            await Task.Delay(25);
        }
    }
}
