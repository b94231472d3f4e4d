using AudioMusic.Engines;

namespace AudioMusic.Grains.Devices;

/// <summary>Configuration section "Devices": what this silo offers to the cluster.</summary>
public sealed class DeviceOptions
{
    /// <summary>CPU workers, each running one job at a time on one core. 0 makes a silo that runs no jobs.</summary>
    public int CpuCount { get; set; } = 1;

    /// <summary>Memory a CPU worker may use for one job.</summary>
    public int CpuMemoryBudgetMb { get; set; } = 2048;

    /// <summary>Also offer every CUDA device a discovery service (the neural engine's) reports. Unset, it is on exactly
    /// when this executable was built with CUDA libtorch (which a build on a machine with an NVIDIA driver does by
    /// default), so a GPU machine needs no setting for it.</summary>
    public bool? UseCuda { get; set; }

    /// <summary>Whether CUDA devices are offered, given the executable's <see cref="AcceleratorBuild.TorchBackend"/>.</summary>
    public bool OffersCuda(string? torchBackend) => UseCuda ?? torchBackend == "cuda";

    /// <summary>Share of a GPU's memory a device may budget (the rest is left to the runtime and fragmentation).</summary>
    public double CudaMemoryFraction { get; set; } = 0.9;

    /// <summary>How long a stopping silo lets running jobs finish before handing them back to the queue.</summary>
    public TimeSpan DrainGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each device re-registers with the queue.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);
}
