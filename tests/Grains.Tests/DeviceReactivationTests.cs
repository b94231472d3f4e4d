using AudioMusic.Domain;
using Orleans.Core.Internal;

namespace AudioMusic.Grains.Tests;

/// <summary>Orleans may deactivate a device's grain while its device runs a job: a silo that held the grain's directory
/// entry dies (seen in the chaos test: two jobs ran at once on one device, and a job the queue had handed out was lost),
/// or anything else ends the activation. The next call activates it again. The device must go on running one job at a
/// time, and its new activation must know the job it runs.</summary>
public sealed class DeviceReactivationTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    // A lease far longer than the test: on a loaded machine a late renewal must not move the first job (its attempt
    // stopped, the job queued again) and let the second start before it ends for that reason.
    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(cpuDevices: 1, new Dictionary<string, string?>
    {
        ["Jobs:LeaseDuration"] = "00:01:00",
        ["Jobs:LeaseRenewInterval"] = "00:00:01",
    });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_device_whose_grain_is_deactivated_mid_job_still_runs_one_job_at_a_time()
    {
        await Polling.UntilDevicesAsync(_cluster, 1);
        // Six seconds of the tone engine's work, then one more job waiting behind it on the only device.
        var first = await SubmitAsync("first", 300);
        var second = await SubmitAsync("second", 20);
        await Polling.UntilStatusAsync(first, JobStatus.Processing);

        var deviceKey = (await _cluster.Queue.GetStatus()).Devices.Single().Device.DeviceKey;
        var device = _cluster.Grains.GetGrain<IInferenceGrain>(deviceKey);
        await device.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        // The silo's heartbeat (every second here) activates the device's grain again; so does this read.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var status = await device.GetStatus();
        Assert.Equal("busy", status.State);
        Assert.Equal(first.GetPrimaryKeyString(), status.RunningJobId);

        var firstDone = await Polling.UntilStatusAsync(first, JobStatus.Completed, TimeSpan.FromSeconds(30));
        var secondDone = await Polling.UntilStatusAsync(second, JobStatus.Completed, TimeSpan.FromSeconds(30));
        Assert.True(secondDone.StartedAt >= firstDone.CompletedAt,
            $"the second job started at {secondDone.StartedAt:O}, while the first ran (until {firstDone.CompletedAt:O})");
        Assert.Equal(1, firstDone.Attempt);
        Assert.Equal(1, secondDone.Attempt);
    }

    private async Task<IJobGrain> SubmitAsync(string caption, double seconds)
    {
        var job = _cluster.Job(Guid.NewGuid().ToString());
        var outcome = await job.Submit(new JobSubmission(
            new GenerationRequest { Task = MusicTask.Text2Music, Caption = caption, DurationSeconds = seconds, Format = AudioFormat.Wav }, 7, null, null));
        Assert.Equal(SubmitStatus.Accepted, outcome.Status);
        return job;
    }
}
