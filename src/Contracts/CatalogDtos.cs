namespace AudioMusic.Contracts;

// Wire shapes of the catalogue routes and of simple mode's plan (snake_case on the wire, see ApiJson).

public sealed record PresetListDto(IReadOnlyList<PresetDto> Presets);

/// <summary>GET model/status: what the cluster can run, and what it is running.</summary>
public sealed record ModelStatusDto(IReadOnlyList<DeviceDto> Devices, IReadOnlyList<EngineDto> Engines, QueueDto Queue, IReadOnlyList<string> RunningJobs);

public sealed record DeviceDto(string Key, string Silo, string Kind, string Description, long MemoryBudgetMb, string State, string? RunningJob,
    double RunningProgress, long CompletedJobs, long FailedJobs, IReadOnlyList<string> Formats);

/// <summary>An engine, where it can run (device keys) and, where it cannot, why.</summary>
public sealed record EngineDto(string Name, string Description, IReadOnlyList<string> Tasks, double MaxDuration, int MaxBatchSize,
    IReadOnlyList<string> AvailableOn, IReadOnlyList<string?> UnavailableReasons);

public sealed record QueueDto(int Depth, int QueueCapacity);

/// <summary>POST simple/plan: the plan, the request it becomes, and the seed it was planned with.</summary>
public sealed record SimplePlanDto(PlanDto Plan, RequestDto Request, int Seed);
