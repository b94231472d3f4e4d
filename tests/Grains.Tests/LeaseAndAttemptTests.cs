using AudioMusic.Domain;

namespace AudioMusic.Grains.Tests;

/// <summary>The rules that make every job complete exactly once, driven by hand on a cluster without devices.</summary>
public sealed class LeaseAndAttemptTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(cpuDevices: 0, new Dictionary<string, string?>
    {
        ["Queue:Capacity"] = "3",
        ["Jobs:MaxAttempts"] = "2",
    });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static JobSubmission Submission() => new(
        new GenerationRequest { Task = MusicTask.Text2Music, Caption = "x", DurationSeconds = 10, Format = AudioFormat.Wav }, 7, null, null);

    private static JobResult Result() => new(new ResolvedParameters
    {
        Task = MusicTask.Text2Music, Caption = "x", Bpm = 100, Key = KeyScale.Parse("C major"), TimeSignature = TimeSignature.FourFour,
        DurationSeconds = 10, VocalLanguage = "unknown", Seeds = [7], Format = AudioFormat.Wav, Model = "tone",
    }, []);

    [Fact]
    public async Task A_result_from_a_stale_attempt_is_rejected_and_the_job_completes_once()
    {
        var job = _cluster.Job(Guid.NewGuid().ToString());
        await job.Submit(Submission());
        await _cluster.Queue.Remove(job.GetPrimaryKeyString());
        var first = await job.Start("device-a");
        Assert.Equal(1, first!.Attempt);
        Assert.Null(await job.Start("device-b"));

        // Device A goes silent; its lease runs out and the sweep puts the job back in the queue.
        var requeued = await Polling.UntilStatusAsync(job, JobStatus.Pending, TimeSpan.FromSeconds(10));
        Assert.Contains("stopped renewing", requeued.ErrorMessage);
        var second = await job.Start("device-b");
        Assert.Equal(2, second!.Attempt);

        Assert.False(await job.RenewLease(1, 50, "rendering"));
        Assert.False(await job.Complete(1, Result()));
        Assert.True(await job.Complete(2, Result()));
        Assert.False(await job.Complete(2, Result()));
        var done = await job.GetView();
        Assert.Equal(JobStatus.Completed, done!.Status);
        Assert.Equal(2, done.Attempt);
    }

    [Fact]
    public async Task A_job_whose_devices_keep_dying_fails_at_the_attempt_limit()
    {
        var job = _cluster.Job(Guid.NewGuid().ToString());
        await job.Submit(Submission());
        await job.Start("device-a");
        await Polling.UntilStatusAsync(job, JobStatus.Pending, TimeSpan.FromSeconds(10));
        await job.Start("device-b");
        var failed = await Polling.UntilStatusAsync(job, JobStatus.Failed, TimeSpan.FromSeconds(10));
        Assert.Contains("attempt limit", failed.ErrorMessage);
    }

    [Fact]
    public async Task A_renewed_lease_does_not_expire()
    {
        var job = _cluster.Job(Guid.NewGuid().ToString());
        await job.Submit(Submission());
        var lease = await job.Start("device-a");
        for (var i = 0; i < 25; i++)
        {
            Assert.True(await job.RenewLease(lease!.Attempt, i * 4, "rendering"));
            await Task.Delay(200);
        }
        var view = await job.GetView();
        Assert.Equal(JobStatus.Processing, view!.Status);
        Assert.Equal(96, view.Progress);
        Assert.True(await job.Complete(lease!.Attempt, Result()));
    }

    [Fact]
    public async Task A_full_queue_refuses_and_creates_nothing_and_positions_count_from_zero()
    {
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid().ToString()).ToList();
        foreach (var id in ids)
        {
            Assert.Equal(SubmitStatus.Accepted, (await _cluster.Job(id).Submit(Submission())).Status);
        }
        var refused = _cluster.Job(Guid.NewGuid().ToString());
        var outcome = await refused.Submit(Submission());
        Assert.Equal(SubmitStatus.QueueFull, outcome.Status);
        Assert.True(outcome.RetryAfter > TimeSpan.Zero);
        Assert.Null(await refused.GetView());

        await Task.Delay(100);
        var positions = new List<int?>();
        foreach (var id in ids)
        {
            positions.Add((await Polling.UntilAsync(_cluster.Job(id), v => v.QueuePosition is not null)).QueuePosition);
        }
        await Polling.UntilAsync(_cluster.Job(ids[2]), v => v.QueuePosition == 2);
        Assert.Equal(0, (await _cluster.Job(ids[0]).GetView())!.QueuePosition);

        // Cancelling the first moves the others up.
        await _cluster.Job(ids[0]).Cancel();
        await Polling.UntilAsync(_cluster.Job(ids[2]), v => v.QueuePosition == 1);
        Assert.Equal(2, (await _cluster.Queue.GetSnapshot()).Count);
    }
}
