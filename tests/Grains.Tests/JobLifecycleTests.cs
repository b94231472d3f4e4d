using AudioMusic.Domain;

namespace AudioMusic.Grains.Tests;

/// <summary>Jobs run end to end through queue and device on a one-device cluster.</summary>
public sealed class JobLifecycleTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(cpuDevices: 1);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static JobSubmission Submission(double seconds = 2, string caption = "test", int batch = 1, AudioFormat format = AudioFormat.Wav) => new(
        new GenerationRequest { Task = MusicTask.Text2Music, Caption = caption, DurationSeconds = seconds, BatchSize = batch, Format = format },
        Seed: 42, Owner: null, Plan: null);

    [Fact]
    public async Task A_submitted_job_runs_to_completion_and_its_audio_is_stored()
    {
        var job = _cluster.Job(Guid.NewGuid().ToString());
        var outcome = await job.Submit(Submission(batch: 2));
        Assert.Equal(SubmitStatus.Accepted, outcome.Status);
        Assert.Equal(JobStatus.Pending, outcome.Job!.Status);

        var done = await Polling.UntilStatusAsync(job, JobStatus.Completed);
        Assert.Equal(100, done.Progress);
        Assert.Equal(1, done.Attempt);
        Assert.Equal(2, done.Audio.Count);
        Assert.Equal(done.Seeds, done.Audio.Select(a => a.Seed));
        Assert.NotEqual(done.Seeds[0], done.Seeds[1]);
        Assert.NotNull(done.StartedAt);
        Assert.NotNull(done.CompletedAt);
        foreach (var file in done.Audio.SelectMany(a => a.Files))
        {
            var info = await _cluster.Artifacts.GetInfoAsync(file.Key, default);
            Assert.NotNull(info);
            Assert.Equal(file.Length, info.Length);
        }
        // The requested format plus the lossless master.
        Assert.Equal([AudioFormat.Wav, AudioFormat.Flac], done.Audio[0].Files.Select(f => f.Format));
    }

    [Fact]
    public async Task Submitting_the_same_id_twice_returns_the_existing_job()
    {
        var job = _cluster.Job(Guid.NewGuid().ToString());
        await job.Submit(Submission());
        var again = await job.Submit(Submission(caption: "other"));
        Assert.Equal(SubmitStatus.AlreadyExists, again.Status);
        Assert.Equal("test", again.Job!.Request.Caption);
    }

    [Fact]
    public async Task Cancelling_a_running_job_stops_the_engine_within_a_second()
    {
        ToneEngine.WorkPerAudioSecond = TimeSpan.FromMilliseconds(100);
        try
        {
            var job = _cluster.Job(Guid.NewGuid().ToString());
            await job.Submit(Submission(seconds: 60));
            await Polling.UntilAsync(job, v => v.Status == JobStatus.Processing && v.Progress > 0);
            var cancelled = await job.Cancel();
            Assert.Equal(CommandStatus.Ok, cancelled.Status);
            Assert.Equal(JobStatus.Cancelled, cancelled.Job!.Status);

            // The device is free again within a second: the next job starts right away.
            ToneEngine.WorkPerAudioSecond = TimeSpan.FromMilliseconds(1);
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            var next = _cluster.Job(Guid.NewGuid().ToString());
            await next.Submit(Submission(seconds: 1));
            await Polling.UntilAsync(next, v => v.Status != JobStatus.Pending, TimeSpan.FromSeconds(5));
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1.5), $"device took {stopwatch.Elapsed} to pick up the next job");
            Assert.Equal(JobStatus.Cancelled, (await job.GetView())!.Status);
        }
        finally
        {
            ToneEngine.WorkPerAudioSecond = TimeSpan.FromMilliseconds(20);
        }
    }

    [Fact]
    public async Task A_failed_job_can_be_retried_and_a_completed_one_cannot()
    {
        var job = _cluster.Job(Guid.NewGuid().ToString());
        await job.Submit(Submission(caption: "fail"));
        var failed = await Polling.UntilStatusAsync(job, JobStatus.Failed);
        Assert.Contains("asked to fail", failed.ErrorMessage);
        // An InvalidDataException is the request's fault: no automatic retries.
        Assert.Equal(1, failed.Attempt);

        var retried = await job.Retry();
        Assert.Equal(CommandStatus.Ok, retried.Status);
        Assert.Equal(JobStatus.Pending, retried.Job!.Status);
        // Attempt numbers never repeat, so a late result of the first attempt cannot pass for the retry's.
        Assert.Equal(2, (await Polling.UntilStatusAsync(job, JobStatus.Failed)).Attempt);

        var ok = _cluster.Job(Guid.NewGuid().ToString());
        await ok.Submit(Submission());
        await Polling.UntilStatusAsync(ok, JobStatus.Completed);
        Assert.Equal(CommandStatus.Conflict, (await ok.Retry()).Status);
        Assert.Equal(CommandStatus.Conflict, (await ok.Cancel()).Status);
    }

    [Fact]
    public async Task Deleting_a_finished_job_removes_it_and_its_audio()
    {
        var job = _cluster.Job(Guid.NewGuid().ToString());
        await job.Submit(Submission());
        var done = await Polling.UntilStatusAsync(job, JobStatus.Completed);
        var deleted = await job.Delete();
        Assert.Equal(CommandStatus.Ok, deleted.Status);
        Assert.Null(deleted.Job);
        Assert.Null(await job.GetView());
        Assert.Null(await _cluster.Artifacts.GetInfoAsync(done.Audio[0].Files[0].Key, default));
        Assert.Equal(CommandStatus.NotFound, (await job.Delete()).Status);
    }

    [Fact]
    public async Task Unknown_engines_are_refused_at_submit_and_nothing_is_created()
    {
        var job = _cluster.Job(Guid.NewGuid().ToString());
        var submission = Submission() with { Request = Submission().Request with { Model = "no-such-engine" } };
        var outcome = await job.Submit(submission);
        Assert.Equal(SubmitStatus.Unservable, outcome.Status);
        Assert.Equal("model", outcome.Error!.Field);
        Assert.Null(await job.GetView());
    }

    [Fact]
    public async Task A_job_too_big_for_every_device_budget_is_refused()
    {
        await Polling.UntilDevicesAsync(_cluster, 1);
        // The tone engine needs 1 MiB per audio second; the CPU budget is 2048 MiB.
        var outcome = await _cluster.Job(Guid.NewGuid().ToString()).Submit(Submission(seconds: 600, batch: 8));
        Assert.Equal(SubmitStatus.Unservable, outcome.Status);
        Assert.Equal("batch_size", outcome.Error!.Field);
    }

    [Fact]
    public async Task Stems_from_an_engine_that_cannot_make_them_are_refused_naming_the_field()
    {
        await Polling.UntilDevicesAsync(_cluster, 1);
        var submission = Submission() with { Request = Submission().Request with { Stems = true } };

        var outcome = await _cluster.Job(Guid.NewGuid().ToString()).Submit(submission);

        Assert.Equal(SubmitStatus.Unservable, outcome.Status);
        Assert.Equal("stems", outcome.Error!.Field);
        Assert.Contains(ToneEngine.EngineName, outcome.Error.Message, StringComparison.Ordinal);
    }
}
