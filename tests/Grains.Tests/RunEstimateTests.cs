using AudioMusic.Domain;
using AudioMusic.Grains.Queue;

namespace AudioMusic.Grains.Tests;

/// <summary>ETAs from known work: the queue's cumulative estimates, the running attempts' remainders, the devices that
/// share them, and real-time factors learnt from reports.</summary>
public sealed class RunEstimateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    private static QueueTicket Ticket(string id, long sequence, double seconds, int batch = 1) =>
        new(id, new GenerationRequest { Task = MusicTask.Prompt2Instrumental, Caption = "x", DurationSeconds = seconds, BatchSize = batch }, sequence);

    private static DeviceRegistration Cpu(string key) => new(key, "silo", "cpu", "cpu", 1 << 30,
        [new EngineOffer("builtin", true, null, [MusicTask.Prompt2Instrumental], 600, 8, "built-in")], [AudioFormat.Flac]);

    [Fact]
    public void A_pending_job_waits_for_the_running_work_and_everything_ahead_of_it_shared_over_the_devices()
    {
        var queue = new DispatchQueue(100);
        queue.Add(Ticket("a", 1, 100));
        queue.Add(Ticket("b", 2, 50, batch: 2));
        queue.Add(Ticket("c", 3, 10));
        var estimates = new RunEstimates(new Dictionary<string, double> { ["builtin"] = 0.1 }, "builtin");
        var snapshot = queue.Snapshot(1, t => estimates.SecondsFor(t.Request)) with
        {
            Devices = 1,
            Estimates = estimates,
            // Handed out 4 s ago with 10 s estimated: 6 s left.
            Running = [new RunningWork(10, Now.AddSeconds(-4))],
        };
        Assert.Equal([10.25, 20.5, 21.75], snapshot.WorkThrough);
        Assert.Equal(16.2, snapshot.EtaOfPending(1, Ticket("a", 1, 100).Request, Now));
        Assert.Equal(26.5, snapshot.EtaOfPending(2, Ticket("b", 2, 50, 2).Request, Now));
        Assert.Equal(27.8, snapshot.EtaOfPending(3, Ticket("c", 3, 10).Request, Now));
        // A job newer than the snapshot waits behind all of it.
        Assert.Equal(6 + 21.75 + 3.25, snapshot.EtaOfPending(9, Ticket("d", 9, 30).Request, Now));

        var twoDevices = snapshot with { Devices = 2 };
        Assert.Equal(13.9, twoDevices.EtaOfPending(3, Ticket("c", 3, 10).Request, Now));
        Assert.Null((snapshot with { Devices = 0 }).EtaOfPending(3, Ticket("c", 3, 10).Request, Now));
    }

    [Fact]
    public void A_running_job_extrapolates_its_progress_once_it_says_enough()
    {
        var estimates = new RunEstimates(new Dictionary<string, double> { ["builtin"] = 0.1 }, "builtin");
        var request = Ticket("a", 1, 100).Request;
        Assert.Equal(8.2, estimates.RemainingFor(request, 5, TimeSpan.FromSeconds(2)));
        Assert.Equal(6, estimates.RemainingFor(request, 40, TimeSpan.FromSeconds(4)));
        Assert.Equal(0, estimates.RemainingFor(request, 2, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void Factors_are_learnt_per_engine_and_device_kind_from_completed_attempts()
    {
        var factors = new RealTimeFactors();
        Assert.Equal(RunEstimates.InitialFactor("builtin"), factors.For([Cpu("d1")], "builtin").SecondsPerAudioSecond["builtin"]);
        factors.Record("builtin", "cpu", new RunReport("builtin", 100, 1.25));
        Assert.Equal(0.01, factors.For([Cpu("d1")], "builtin").SecondsPerAudioSecond["builtin"], 6);
        factors.Record("builtin", "cpu", new RunReport("builtin", 100, 2.25));
        Assert.Equal(0.015, factors.For([Cpu("d1"), Cpu("d2")], "builtin").SecondsPerAudioSecond["builtin"], 6);
        // The median: one slow outlier (a first run's JIT) does not move it.
        factors.Record("builtin", "cpu", new RunReport("builtin", 100, 30.25));
        Assert.Equal(0.02, factors.For([Cpu("d1")], "builtin").SecondsPerAudioSecond["builtin"], 6);
        for (var i = 0; i < RealTimeFactors.Window; i++)
        {
            factors.Record("builtin", "cpu", new RunReport("builtin", 10, 0.35));
        }
        Assert.Equal(0.01, factors.For([Cpu("d1")], "builtin").SecondsPerAudioSecond["builtin"], 6);
        factors.Record("builtin", "cuda", new RunReport("builtin", 0, 5));
        Assert.Equal(0.01, factors.For([Cpu("d1")], "builtin").SecondsPerAudioSecond["builtin"], 6);
        // An auto duration is estimated as a song of AutoSongSeconds.
        Assert.Equal(RunEstimates.AutoSongSeconds * 2, RunEstimates.AudioSeconds(new GenerationRequest { Task = MusicTask.Text2Music, Caption = "x", BatchSize = 2 }));
    }
}
