using AudioMusic.Domain;

namespace AudioMusic.Grains.Tests;

/// <summary>A job the queue gave to a device that never started it (the job's grain did not answer, or the device
/// died between taking and starting it) is still PENDING: it must go back in line, not drop out of the queue. Driven
/// by hand with made-up devices on a cluster without real ones.</summary>
public sealed class HandOutTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(cpuDevices: 0, new Dictionary<string, string?>
    {
        ["Queue:DeviceTimeout"] = "00:00:01.500",
    });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static DeviceRegistration Device(string key) => new(key, "test-silo", "cpu", "made-up device", 1L << 30,
        [new EngineOffer(ToneEngine.EngineName, true, null, [MusicTask.Text2Music], 600, 4, "tone")], [AudioFormat.Wav]);

    private async Task<string> SubmitAsync()
    {
        var id = Guid.NewGuid().ToString();
        var outcome = await _cluster.Job(id).Submit(new JobSubmission(
            new GenerationRequest { Task = MusicTask.Text2Music, Caption = "x", DurationSeconds = 10, Format = AudioFormat.Wav }, 7, null, null));
        Assert.Equal(SubmitStatus.Accepted, outcome.Status);
        return id;
    }

    [Fact]
    public async Task A_job_its_device_could_not_start_goes_back_to_its_place_in_line()
    {
        await _cluster.Queue.Register(Device("a"));
        var first = await SubmitAsync();
        var second = await SubmitAsync();

        Assert.Equal(first, await _cluster.Queue.Next("a"));
        Assert.Equal(1, (await _cluster.Queue.GetSnapshot()).Count);
        // Device a could not reach the first job's grain: asking again without naming it, it gets the same job first.
        Assert.Equal(first, await _cluster.Queue.Next("a"));
        // Having started it, the device names it when it asks: the second job is next and nothing goes back.
        Assert.NotNull(await _cluster.Job(first).Start("a"));
        Assert.Equal(second, await _cluster.Queue.Next("a", null, settled: first));
        Assert.Equal(0, (await _cluster.Queue.GetSnapshot()).Count);
    }

    [Fact]
    public async Task A_job_whose_hand_out_never_reached_its_device_goes_back_to_its_place_in_line()
    {
        await _cluster.Queue.Register(Device("a"));
        var first = await SubmitAsync();
        var second = await SubmitAsync();
        Assert.Equal(first, await _cluster.Queue.Next("a"));
        Assert.NotNull(await _cluster.Job(first).Start("a"));

        // The answer that gives device a the second job is lost on its way (a dropped connection, a timeout): the
        // device asks again naming the last job it did start, and the second job is still its next, not lost.
        Assert.Equal(second, await _cluster.Queue.Next("a", null, settled: first));
        Assert.Equal(second, await _cluster.Queue.Next("a", null, settled: first));
        Assert.NotNull(await _cluster.Job(second).Start("a"));
        Assert.Null(await _cluster.Queue.Next("a", null, settled: second));
        Assert.Equal(0, (await _cluster.Queue.GetSnapshot()).Count);
    }

    [Fact]
    public async Task A_job_taken_by_a_device_that_went_silent_before_starting_it_goes_back_in_line()
    {
        await _cluster.Queue.Register(Device("dies"));
        var job = await SubmitAsync();
        Assert.Equal(job, await _cluster.Queue.Next("dies"));

        // Another device keeps its heartbeat while the first one's runs out; the sweep forgets the silent one and asks
        // the job whether it started.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        string? taken = null;
        while (taken is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the job never went back in line");
            await _cluster.Queue.Register(Device("lives"));
            taken = await _cluster.Queue.Next("lives");
            await Task.Delay(100);
        }
        Assert.Equal(job, taken);
        Assert.Equal(JobStatus.Pending, (await _cluster.Job(job).GetView())!.Status);
    }

    [Fact]
    public async Task A_job_its_silent_device_did_start_stays_with_the_lease_sweep()
    {
        await _cluster.Queue.Register(Device("dies"));
        var job = await SubmitAsync();
        Assert.Equal(job, await _cluster.Queue.Next("dies"));
        var lease = await _cluster.Job(job).Start("dies");
        Assert.NotNull(lease);

        // The silent device is forgotten; the job it started is not handed to anyone else while its lease holds.
        for (var i = 0; i < 15; i++)
        {
            await _cluster.Queue.Register(Device("lives"));
            Assert.Null(await _cluster.Queue.Next("lives"));
            Assert.True(await _cluster.Job(job).RenewLease(lease!.Attempt, i, "rendering"));
            await Task.Delay(200);
        }
        Assert.Equal(JobStatus.Processing, (await _cluster.Job(job).GetView())!.Status);
    }
}
