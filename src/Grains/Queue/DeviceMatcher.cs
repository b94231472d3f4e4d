using System.Globalization;
using AudioMusic.Domain;
using AudioMusic.Engines;
using AudioMusic.Grains.Engines;

namespace AudioMusic.Grains.Queue;

/// <summary>Decides whether a device can ever run a request, and if not, which field is to blame.</summary>
public sealed class DeviceMatcher
{
    private readonly EngineCatalog _catalog;

    public DeviceMatcher(EngineCatalog catalog) => _catalog = catalog;

    /// <summary>Null when the request names an engine this cluster has; otherwise the error for "model".</summary>
    public FieldError? CheckEngineKnown(GenerationRequest request) =>
        _catalog.Find(request.Model) is null
            ? new FieldError("model", $"unknown engine '{request.Model}'; GET /api/v1/music/model/status lists the engines")
            : null;

    /// <summary>Null when <paramref name="device"/> can run <paramref name="request"/>; otherwise why not.</summary>
    public FieldError? WhyNot(DeviceRegistration device, GenerationRequest request)
    {
        var engine = _catalog.Find(request.Model);
        if (engine is null)
        {
            return CheckEngineKnown(request);
        }
        var offer = device.Engines.FirstOrDefault(e => string.Equals(e.Name, engine.Name, StringComparison.OrdinalIgnoreCase));
        if (offer is null || !offer.Available)
        {
            return new FieldError("model", $"engine '{engine.Name}' is not available: {offer?.UnavailableReason ?? "no device offers it"}");
        }
        if (!offer.Tasks.Contains(request.Task))
        {
            return new FieldError("model", $"engine '{engine.Name}' does not do {request.Task.ToWire()}");
        }
        if (request.Stems && !engine.Capabilities.Stems)
        {
            return new FieldError("stems", $"engine '{engine.Name}' cannot produce stems");
        }
        if (request.DurationSeconds is { } duration && duration > offer.MaxDurationSeconds)
        {
            return new FieldError("duration", string.Create(CultureInfo.InvariantCulture, $"engine '{engine.Name}' renders at most {offer.MaxDurationSeconds} seconds"));
        }
        if (request.BatchSize > offer.MaxBatchSize)
        {
            return new FieldError("batch_size", string.Create(CultureInfo.InvariantCulture, $"engine '{engine.Name}' renders at most {offer.MaxBatchSize} variations per job"));
        }
        if (!device.Formats.Contains(request.Format))
        {
            return new FieldError("format", $"'{request.Format.ToWire()}' cannot be encoded on this cluster (available: {string.Join(", ", device.Formats.Select(f => f.ToWire()))})");
        }
        var needed = engine.EstimateMemoryBytes(request, Descriptor(device));
        if (needed > device.MemoryBudgetBytes)
        {
            return new FieldError(request.BatchSize > 1 ? "batch_size" : "duration", string.Create(CultureInfo.InvariantCulture,
                $"the job needs about {needed / (1024 * 1024)} MiB but the largest device budget is {device.MemoryBudgetBytes / (1024 * 1024)} MiB; ask for a shorter duration or fewer variations"));
        }
        return null;
    }

    public static DeviceDescriptor Descriptor(DeviceRegistration device) =>
        new(device.DeviceKey, Enum.TryParse<DeviceKind>(device.Kind, ignoreCase: true, out var kind) ? kind : DeviceKind.Cpu,
            0, device.MemoryBudgetBytes, device.Description);
}
