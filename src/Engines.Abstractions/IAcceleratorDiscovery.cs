namespace AudioMusic.Engines;

/// <summary>Finds accelerators (GPUs) on this machine. An engine that can use them provides one (ACE-Step does, through
/// TorchSharp); the silo's device inventory offers what it finds when <c>Devices:UseCuda</c> is on (by default, in a build with CUDA libtorch).</summary>
public interface IAcceleratorDiscovery
{
    IReadOnlyList<DeviceDescriptor> Discover();
}
