namespace AudioMusic.Grains;

/// <summary>One compute device (a GPU, or a CPU worker), keyed "{silo}|{device id}" and placed only on the silo that
/// owns the device. Runs one job at a time, pulling work from the queue.</summary>
public interface IInferenceGrain : IGrainWithStringKey
{
    /// <summary>Starts (or keeps) the device's work loop. Called by the owning silo at start-up and periodically.</summary>
    Task Start();

    /// <summary>Work is waiting: an idle device asks the queue again.</summary>
    [Orleans.Concurrency.OneWay]
    Task Wake();

    /// <summary>Stops the named attempt if it is running here; the engine stops within a second. A notification: the
    /// caller does not wait for it (a device on a dying silo answers nobody until the death is declared).</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    [Orleans.Concurrency.OneWay]
    Task Cancel(string jobId, int attempt);

    [Orleans.Concurrency.AlwaysInterleave]
    Task<DeviceStatus> GetStatus();

    /// <summary>Stops pulling work; waits up to <paramref name="grace"/> for the running job, then hands it back.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task Drain(TimeSpan grace);
}
