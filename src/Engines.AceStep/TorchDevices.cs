using System.Runtime.InteropServices;
using System.Text;
using TorchSharp;

namespace AudioMusic.Engines.AceStep;

/// <summary>Finds the CUDA devices this process can use: TorchSharp says whether CUDA works and how many devices
/// there are; the CUDA driver API supplies each device's name and total memory, which TorchSharp does not expose.</summary>
public static partial class TorchDevices
{
    public static IReadOnlyList<DeviceDescriptor> Discover()
    {
        if (!torch.cuda.is_available())
        {
            return [];
        }
        var count = torch.cuda.device_count();
        var devices = new List<DeviceDescriptor>(count);
        var driverReady = TryInitialiseDriver();
        for (var index = 0; index < count; index++)
        {
            var (name, memory) = driverReady ? DescribeWithDriver(index) : ($"CUDA device {index}", 0L);
            devices.Add(new DeviceDescriptor($"cuda:{index}", DeviceKind.Cuda, index, memory, name));
        }
        return devices;
    }

    private static bool TryInitialiseDriver()
    {
        try
        {
            return CuInit(0) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static (string Name, long Memory) DescribeWithDriver(int index)
    {
        if (CuDeviceGet(out var handle, index) != 0)
        {
            return ($"CUDA device {index}", 0);
        }
        var buffer = new byte[256];
        var name = CuDeviceGetName(buffer, buffer.Length, handle) == 0
            ? Encoding.ASCII.GetString(buffer, 0, Math.Max(0, Array.IndexOf(buffer, (byte)0)))
            : $"CUDA device {index}";
        var memory = CuDeviceTotalMem(out var bytes, handle) == 0 ? (long)bytes : 0L;
        return (name, memory);
    }

    [LibraryImport("libcuda.so.1", EntryPoint = "cuInit")]
    private static partial int CuInit(uint flags);

    [LibraryImport("libcuda.so.1", EntryPoint = "cuDeviceGet")]
    private static partial int CuDeviceGet(out int device, int ordinal);

    [LibraryImport("libcuda.so.1", EntryPoint = "cuDeviceGetName")]
    private static partial int CuDeviceGetName([Out] byte[] name, int length, int device);

    [LibraryImport("libcuda.so.1", EntryPoint = "cuDeviceTotalMem_v2")]
    private static partial int CuDeviceTotalMem(out nuint bytes, int device);
}
