using System.Collections.Concurrent;
using AudioMusic.Engines;
using AudioMusic.Grains.Engines;
using AudioMusic.Grains.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AudioMusic.Grains.Devices;

/// <summary>The silo's device workers, one per device for the life of the process: every activation of a device's
/// grain, the first or one after a deactivation, drives the same worker.</summary>
public sealed class DeviceWorkers
{
    private readonly ConcurrentDictionary<string, Lazy<DeviceWorker>> _workers = new(StringComparer.Ordinal);
    private readonly IGrainFactory _grains;
    private readonly EngineCatalog _engines;
    private readonly JobExecution _execution;
    private readonly JobOptions _jobOptions;
    private readonly TimeProvider _time;
    private readonly ILogger<DeviceWorker> _logger;

    public DeviceWorkers(IGrainFactory grains, EngineCatalog engines, JobExecution execution, IOptions<JobOptions> jobOptions,
        TimeProvider time, ILogger<DeviceWorker> logger)
    {
        _grains = grains;
        _engines = engines;
        _execution = execution;
        _jobOptions = jobOptions.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The worker of <paramref name="device"/>, made on first use from <paramref name="registration"/>.</summary>
    public DeviceWorker For(DeviceRegistration registration, DeviceDescriptor device) =>
        _workers.GetOrAdd(registration.DeviceKey, _ => new Lazy<DeviceWorker>(() =>
            new DeviceWorker(registration, device, _grains, _engines, _execution, _jobOptions, _time, _logger))).Value;
}
