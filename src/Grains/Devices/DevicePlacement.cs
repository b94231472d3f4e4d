using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace AudioMusic.Grains.Devices;

/// <summary>Places a device grain on the silo named in its key, and nowhere else: a GPU cannot move between machines.</summary>
[GenerateSerializer, Immutable]
public sealed class DevicePlacementStrategy : PlacementStrategy
{
    internal static DevicePlacementStrategy Instance { get; } = new();
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class DevicePlacementAttribute : PlacementAttribute
{
    public DevicePlacementAttribute() : base(DevicePlacementStrategy.Instance)
    {
    }
}

public sealed class DevicePlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString()!;
        if (!DeviceKeys.TryParse(key, out var silo, out _))
        {
            throw new OrleansException($"'{key}' is not a device key of the form '{{silo}}|{{device}}'.");
        }
        if (!context.GetCompatibleSilos(target).Contains(silo!))
        {
            throw new OrleansException($"Device {key} belongs to silo {silo}, which is not active; it cannot run elsewhere.");
        }
        return Task.FromResult(silo!);
    }
}
