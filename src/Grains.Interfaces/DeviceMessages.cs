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
/// <see cref="Sequence"/> is 0 for a new entry (the queue assigns one) and the stored one when the queue is rebuilt;
/// <see cref="Owner"/> is the job's tenant, whom the queue serves in turn with the others.</summary>
[GenerateSerializer, Immutable]
public sealed record QueueTicket(
    [property: Id(0)] string JobId,
    [property: Id(1)] GenerationRequest Request,
    [property: Id(2)] long Sequence,
    [property: Id(3)] string? Owner = null);

[GenerateSerializer]
public enum EnqueueStatus
{
    Enqueued,
    QueueFull,
    Unservable,
}

/// <param name="Position">Jobs ahead of this one at the moment it was queued (exact: the queue counts them in the same
/// turn), which the 202 answer reports instead of the per-silo copy of positions that may be half a second old.</param>
[GenerateSerializer, Immutable]
public sealed record EnqueueOutcome(
    [property: Id(0)] EnqueueStatus Status,
    [property: Id(1)] long Sequence,
    [property: Id(2)] FieldError? Error,
    [property: Id(3)] TimeSpan? RetryAfter,
    [property: Id(4)] int Position = 0);

/// <summary>The waiting jobs' sequence numbers, for computing queue positions without a call per read. A long queue is
/// sampled (every <see cref="Stride"/>-th job) so that a snapshot stays small however deep the queue is: positions are
/// exact while <see cref="Count"/> is at most <see cref="MaxSamples"/>, and within <see cref="Stride"/> beyond that.</summary>
[GenerateSerializer, Immutable]
public sealed record QueueSnapshot(
    [property: Id(0)] long Version,
    [property: Id(1)] long[] SampledSequences,
    [property: Id(2)] int Stride,
    [property: Id(3)] int Count,
    [property: Id(4)] long LastSequence)
{
    /// <summary>8,192 samples are 64 KiB: below the large-object heap, and exact positions for any usual queue.</summary>
    public const int MaxSamples = 8_192;

    public static QueueSnapshot Empty { get; } = new(0, [], 1, 0, 0);

    /// <summary>The estimated seconds of work (one device's time) of the waiting jobs up to and including each sampled
    /// one, in queue order.</summary>
    [Id(5)] public double[] WorkThrough { get; init; } = [];

    /// <summary>What the devices are running now: each attempt's estimated length and when it was handed out.</summary>
    [Id(6)] public IReadOnlyList<RunningWork> Running { get; init; } = [];

    /// <summary>Live devices: the queue drains that many jobs at once.</summary>
    [Id(7)] public int Devices { get; init; }

    /// <summary>The real-time factors the queue estimates with (see <see cref="RunEstimates"/>).</summary>
    [Id(8)] public RunEstimates Estimates { get; init; } = RunEstimates.Initial;

    /// <summary>Seconds until the waiting job with <paramref name="sequence"/> is expected to finish: what runs now and
    /// what waits before it (itself included), shared out over the live devices. A job newer than this snapshot waits
    /// behind all of it. Null when no device is there.</summary>
    public double? EtaOfPending(long sequence, GenerationRequest request, DateTimeOffset now)
    {
        if (Devices == 0)
        {
            return null;
        }
        var ahead = sequence > LastSequence || WorkThrough.Length == 0
            ? WorkThrough.LastOrDefault() + Estimates.SecondsFor(request)
            : WorkThrough[Math.Min(PositionOf(sequence) / Stride, WorkThrough.Length - 1)];
        var running = Running.Sum(r => Math.Max(0, r.EstimatedSeconds - (now - r.HandedOutAt).TotalSeconds));
        return Math.Round((running + ahead) / Devices, 1);
    }

    /// <summary>Jobs ahead of the job with <paramref name="sequence"/> (0 = next to run). A job that is not waiting gets
    /// the place it would have: behind every older job still waiting.</summary>
    public int PositionOf(long sequence)
    {
        var found = Array.BinarySearch(SampledSequences, sequence);
        if (found >= 0)
        {
            return found * Stride;
        }
        var samplesBefore = ~found;
        if (Stride == 1 || samplesBefore == 0 || sequence > LastSequence)
        {
            return sequence > LastSequence ? Count : samplesBefore;
        }
        // Between two samples: somewhere in the stride after the last sample that is older; the middle of it, and never
        // past the last waiting job.
        return Math.Min((samplesBefore - 1) * Stride + (Stride + 1) / 2, Count - 1);
    }
}

/// <summary>An attempt a device is running, as the queue handed it out.</summary>
[GenerateSerializer, Immutable]
public sealed record RunningWork(
    [property: Id(0)] double EstimatedSeconds,
    [property: Id(1)] DateTimeOffset HandedOutAt);

/// <summary>What a device reports of the attempt it just completed, so the queue learns each engine's speed.</summary>
[GenerateSerializer, Immutable]
public sealed record RunReport(
    [property: Id(0)] string Engine,
    [property: Id(1)] double AudioSeconds,
    [property: Id(2)] double RunSeconds);

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
