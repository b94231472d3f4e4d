using AudioMusic.Domain;

namespace AudioMusic.Grains.Tests;

/// <summary>The queue hands a device a job, and the answer never reaches the device (a dropped connection, a timeout):
/// the device asks again, and the job must not have dropped out of the line with the answer.</summary>
public sealed class LostHandOutTests : IAsyncLifetime
{
    private readonly LoseFirstHandOut _lose = new();
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await TestClusters.StartAsync(cpuDevices: 1, configureSilo: silo => silo.AddIncomingGrainCallFilter(_lose));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_job_whose_hand_out_was_lost_on_its_way_to_the_device_still_runs()
    {
        var job = _cluster.Job(Guid.NewGuid().ToString());
        await job.Submit(new JobSubmission(
            new GenerationRequest { Task = MusicTask.Text2Music, Caption = "handed out twice", DurationSeconds = 5, Format = AudioFormat.Wav }, 7, null, null));

        var done = await Polling.UntilStatusAsync(job, JobStatus.Completed, TimeSpan.FromSeconds(20));
        Assert.Equal(1, _lose.Lost);
        Assert.Equal(1, done.Attempt);
    }

    /// <summary>Hands out the first job, then fails the call as a lost answer does.</summary>
    private sealed class LoseFirstHandOut : IIncomingGrainCallFilter
    {
        private int _lost;

        public int Lost => Volatile.Read(ref _lost);

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            await context.Invoke();
            if (context.InterfaceMethod.DeclaringType == typeof(IJobQueueGrain) && context.MethodName == nameof(IJobQueueGrain.Next)
                && context.Result is string && Interlocked.CompareExchange(ref _lost, 1, 0) == 0)
            {
                throw new TimeoutException("the answer to Next was lost on its way to the device");
            }
        }
    }
}
