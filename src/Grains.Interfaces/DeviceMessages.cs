using AudioMusic.Domain;

namespace AudioMusic.Grains;

/// <summary>A device as the dispatch queue knows it: where it is and what it can run.</summary>
[GenerateSerializer, Immutable]
public sealed record DeviceRegistration(
    [property: Id(0)] string DeviceKey,
    [property: Id(1)] string Silo,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Description,
    [property: Id(4)] long MemoryBudgetBytes,
    [property: Id(5)] IReadOnlyList<EngineOffer> Engines,
    [property: Id(6)] IReadOnlyList<AudioFormat> Formats);

/// <summary>An engine on a device: whether it can run there and what it takes.</summary>
[GenerateSerializer, Immutable]
public sealed record EngineOffer(
    [property: Id(0)] string Name,
    [property: Id(1)] bool Available,
    [property: Id(2)] string? UnavailableReason,
    [property: Id(3)] IReadOnlyList<MusicTask> Tasks,
    [property: Id(4)] double MaxDurationSeconds,
    [property: Id(5)] int MaxBatchSize,
    [property: Id(6)] string Description);

/// <summary>The queue's view of a pending job: enough to match it to a device without asking the job.
/// <see cref="Sequence"/> is 0 for a new entry (the queue assigns one) and the stored one when the queue is rebuilt.</summary>
[GenerateSerializer, Immutable]
public sealed record QueueTicket(
    [property: Id(0)] string JobId,
    [property: Id(1)] GenerationRequest Request,
    [property: Id(2)] long Sequence);

[GenerateSerializer]
public enum EnqueueStatus
{
    Enqueued,
    QueueFull,
    Unservable,
}

[GenerateSerializer, Immutable]
public sealed record EnqueueOutcome(
    [property: Id(0)] EnqueueStatus Status,
    [property: Id(1)] long Sequence,
    [property: Id(2)] FieldError? Error,
    [property: Id(3)] TimeSpan? RetryAfter);

/// <summary>Sorted sequence numbers of the jobs waiting, for computing queue positions without a call per read.</summary>
[GenerateSerializer, Immutable]
public sealed record QueueSnapshot([property: Id(0)] long Version, [property: Id(1)] long[] WaitingSequences);

[GenerateSerializer, Immutable]
public sealed record DeviceStatus(
    [property: Id(0)] DeviceRegistration Device,
    [property: Id(1)] string State,
    [property: Id(2)] string? RunningJobId,
    [property: Id(3)] double RunningProgress,
    [property: Id(4)] long CompletedJobs,
    [property: Id(5)] long FailedJobs);

[GenerateSerializer, Immutable]
public sealed record ClusterStatus(
    [property: Id(0)] IReadOnlyList<DeviceStatus> Devices,
    [property: Id(1)] int QueueDepth,
    [property: Id(2)] int QueueCapacity,
    [property: Id(3)] IReadOnlyList<string> RunningJobs);
