using AudioMusic.Domain;

namespace AudioMusic.Grains;

/// <summary>A request accepted by an API host, ready to become a job.</summary>
[GenerateSerializer, Immutable]
public sealed record JobSubmission(
    [property: Id(0)] GenerationRequest Request,
    [property: Id(1)] int Seed,
    [property: Id(2)] string? Owner,
    [property: Id(3)] SongPlan? Plan,
    [property: Id(4)] Webhooks.WebhookSubscription? Webhook = null);

[GenerateSerializer]
public enum SubmitStatus
{
    Accepted,
    /// <summary>The job id already holds a job (an idempotent retry): <see cref="SubmitOutcome.Job"/> is that job.</summary>
    AlreadyExists,
    QueueFull,
    /// <summary>No device in the cluster can ever run it (engine absent, format unavailable, too big for memory).</summary>
    Unservable,
}

[GenerateSerializer, Immutable]
public sealed record SubmitOutcome(
    [property: Id(0)] SubmitStatus Status,
    [property: Id(1)] JobView? Job,
    [property: Id(2)] FieldError? Error,
    [property: Id(3)] TimeSpan? RetryAfter);

[GenerateSerializer]
public enum CommandStatus
{
    Ok,
    NotFound,
    Conflict,
    QueueFull,
}

/// <summary>Result of a client command on a job (rename, cancel, delete, retry).</summary>
[GenerateSerializer, Immutable]
public sealed record CommandOutcome(
    [property: Id(0)] CommandStatus Status,
    [property: Id(1)] JobView? Job,
    [property: Id(2)] string? Message,
    [property: Id(3)] TimeSpan? RetryAfter = null)
{
    public static CommandOutcome NotFound { get; } = new(CommandStatus.NotFound, null, "no such job");

    public static CommandOutcome Ok(JobView? job) => new(CommandStatus.Ok, job, null);

    public static CommandOutcome Conflict(JobView job, string message) => new(CommandStatus.Conflict, job, message);

    public static CommandOutcome QueueFull(JobView job, TimeSpan retryAfter) =>
        new(CommandStatus.QueueFull, job, "the queue is full; retry later", retryAfter);
}

/// <summary>What a device needs to run one attempt of a job.</summary>
[GenerateSerializer, Immutable]
public sealed record JobLease(
    [property: Id(0)] string JobId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] GenerationRequest Request,
    [property: Id(3)] IReadOnlyList<int> Seeds,
    [property: Id(4)] DateTimeOffset ExpiresAt,
    [property: Id(5)] string? TraceParent = null,
    [property: Id(6)] DateTimeOffset? QueuedAt = null);

/// <summary>What a finished attempt produced.</summary>
[GenerateSerializer, Immutable]
public sealed record JobResult(
    [property: Id(0)] ResolvedParameters Resolved,
    [property: Id(1)] IReadOnlyList<JobAudio> Audio);
