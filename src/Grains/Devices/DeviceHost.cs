using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AudioMusic.Grains.Devices;

/// <summary>Brings this silo's devices into the cluster when the silo becomes active, keeps them registered with a
/// heartbeat, and drains them when the silo stops (running jobs finish or go back to the queue).</summary>
public sealed partial class DeviceHost : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly IGrainFactory _grains;
    private readonly ILocalSiloDetails _silo;
    private readonly DeviceInventory _inventory;
    private readonly DeviceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DeviceHost> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _heartbeat = Task.CompletedTask;

    public DeviceHost(IGrainFactory grains, ILocalSiloDetails silo, DeviceInventory inventory, IOptions<DeviceOptions> options, TimeProvider time, ILogger<DeviceHost> logger)
    {
        _grains = grains;
        _silo = silo;
        _inventory = inventory;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DeviceHost), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private IEnumerable<IInferenceGrain> Devices =>
        _inventory.All.Select(d => _grains.GetGrain<IInferenceGrain>(DeviceKeys.For(_silo.SiloAddress, d.Id)));

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(Devices.Select(d => d.Start()));
        LogStarted(_inventory.All.Count, string.Join(", ", _inventory.All.Select(d => d.Description)));
        _heartbeat = HeartbeatAsync(_stopping.Token);
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await Task.WhenAll(Devices.Select(d => d.Start()));
                }
                catch (Exception ex) when (ex is OrleansException or TimeoutException)
                {
                    LogHeartbeatFailed(ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Silo stopping.
        }
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _heartbeat;
        try
        {
            await Task.WhenAll(Devices.Select(d => d.Drain(_options.DrainGrace)));
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            // Whatever was not handed back is recovered by the lease sweep on another silo.
            LogHeartbeatFailed(ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} device(s) online: {Devices}")]
    private partial void LogStarted(int count, string devices);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device heartbeat failed: {Error}")]
    private partial void LogHeartbeatFailed(string error);
}
