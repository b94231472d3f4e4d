using AudioMusic.Audio.Codecs;
using AudioMusic.Grains.Engines;
using AudioMusic.Grains.Queue;
using AudioMusic.Grains.Telemetry;

namespace AudioMusic.Grains.Devices;

/// <summary>One compute device's address in the cluster. The work itself (one job at a time, so the device's memory
/// budget is never shared by two jobs) is the silo's <see cref="DeviceWorker"/> for the device, which outlives any
/// activation of this grain; the grain registers it with the queue and passes it the calls.</summary>
[DevicePlacement]
public sealed class InferenceGrain : Grain, IInferenceGrain
{
    private readonly DeviceWorkers _workers;
    private readonly DeviceInventory _inventory;
    private readonly EngineCatalog _engines;
    private readonly AudioEncoders _encoders;
    private DeviceWorker _worker = null!;

    public InferenceGrain(DeviceWorkers workers, DeviceInventory inventory, EngineCatalog engines, AudioEncoders encoders)
    {
        _workers = workers;
        _inventory = inventory;
        _engines = engines;
        _encoders = encoders;
    }

    private string Key => this.GetPrimaryKeyString();

    private IJobQueueGrain Queue => GrainFactory.GetGrain<IJobQueueGrain>(JobQueueGrain.DefaultKey);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!DeviceKeys.TryParse(Key, out var silo, out var deviceId) || _inventory.Find(deviceId) is not { } device)
        {
            throw new InvalidOperationException($"No device '{Key}' on this silo.");
        }
        var registration = new DeviceRegistration(Key, silo!.ToString(), device.Kind.ToString().ToLowerInvariant(), device.Description,
            device.MemoryBytes, _engines.All.Select(_engines.OfferOf).ToArray(), _encoders.Available.ToArray());
        _worker = _workers.For(registration, device);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A drained device leaves with its silo. After any other deactivation its worker goes on, and keeps reporting.
        if (_worker is { IsDraining: true })
        {
            ClusterGauges.Forget(Key);
        }
        return Task.CompletedTask;
    }

    public async Task Start()
    {
        // Also the heartbeat: keeps this activation alive and the queue's registration fresh.
        DelayDeactivation(TimeSpan.FromMinutes(5));
        if (_worker.IsDraining)
        {
            return;
        }
        await Queue.Register(_worker.Registration);
        _worker.EnsureRunning();
    }

    public Task Wake()
    {
        _worker.Wake();
        return Task.CompletedTask;
    }

    public Task Cancel(string jobId, int attempt)
    {
        _worker.Cancel(jobId, attempt);
        return Task.CompletedTask;
    }

    public Task<DeviceStatus> GetStatus() => Task.FromResult(_worker.Status);

    public Task Drain(TimeSpan grace) => _worker.DrainAsync(grace);
}
