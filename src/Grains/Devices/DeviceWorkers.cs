using System.Collections.Concurrent;
using AudioMusic.Engines;
using Microsoft.Extensions.DependencyInjection;

namespace AudioMusic.Grains.Devices;

/// <summary>The silo's device workers, one per device for the life of the process: every activation of a device's
/// grain, the first or one after a deactivation, drives the same worker.</summary>
public sealed class DeviceWorkers(IServiceProvider services)
{
    private readonly ConcurrentDictionary<string, Lazy<DeviceWorker>> _workers = new(StringComparer.Ordinal);

    /// <summary>The worker of <paramref name="device"/>, made on first use from <paramref name="registration"/>.</summary>
    public DeviceWorker For(DeviceRegistration registration, DeviceDescriptor device) =>
        _workers.GetOrAdd(registration.DeviceKey, _ => new Lazy<DeviceWorker>(() =>
            ActivatorUtilities.CreateInstance<DeviceWorker>(services, registration, device))).Value;
}
