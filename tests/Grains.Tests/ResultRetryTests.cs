using AudioMusic.Domain;

namespace AudioMusic.Grains.Tests;

/// <summary>A device finishes an attempt just as the job's grain is on a dying silo: the call with the result gets no
/// answer until the death is declared, then fails. The device offers the result again, and the grain, activated anew,
/// takes it: the render is not made a second time.</summary>
public sealed class ResultRetryTests : IAsyncLifetime
{
    /// <summary>Shorter than the test cluster's 3-s lease, as a declaration is shorter than the 10-s default lease.</summary>
    private readonly DyingTarget _dyingJob = new(typeof(IJobGrain), nameof(IJobGrain.Complete), TimeSpan.FromSeconds(1));
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await TestClusters.StartAsync(cpuDevices: 1, configureSilo: silo => silo.AddIncomingGrainCallFilter(_dyingJob));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_result_offered_while_the_job_grain_moves_off_a_dead_silo_is_kept()
    {
        var job = _cluster.Job(Guid.NewGuid().ToString());
        await job.Submit(new JobSubmission(
            new GenerationRequest { Task = MusicTask.Text2Music, Caption = "kept", DurationSeconds = 2, Format = AudioFormat.Wav }, 7, null, null));

        var done = await Polling.UntilStatusAsync(job, JobStatus.Completed, TimeSpan.FromSeconds(30));
        Assert.Equal(2, _dyingJob.Calls);
        Assert.Equal(1, done.Attempt);
        Assert.Single(done.Audio);
    }
}
