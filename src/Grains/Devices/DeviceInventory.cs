using AudioMusic.Engines;
using Microsoft.Extensions.Options;

namespace AudioMusic.Grains.Devices;

/// <summary>The compute devices of this silo: the configured CPU workers plus discovered GPUs.</summary>
public sealed class DeviceInventory
{
    private readonly Dictionary<string, DeviceDescriptor> _devices;

    public DeviceInventory(IOptions<DeviceOptions> options, IEnumerable<IAcceleratorDiscovery> accelerators)
    {
        var o = options.Value;
        var devices = Enumerable.Range(0, o.CpuCount)
            .Select(i => new DeviceDescriptor($"cpu{i}", DeviceKind.Cpu, i, (long)o.CpuMemoryBudgetMb * 1024 * 1024, $"CPU worker {i}"))
            .ToList();
        if (o.OffersCuda(AcceleratorBuild.TorchBackend))
        {
            devices.AddRange(accelerators.SelectMany(a => a.Discover()).Select(d => d with { MemoryBytes = (long)(d.MemoryBytes * o.CudaMemoryFraction) }));
        }
        _devices = devices.ToDictionary(d => d.Id, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<DeviceDescriptor> All => _devices.Values;

    public DeviceDescriptor? Find(string deviceId) => _devices.GetValueOrDefault(deviceId);
}
