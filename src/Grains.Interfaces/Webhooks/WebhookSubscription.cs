namespace AudioMusic.Grains.Webhooks;

/// <summary>Where a job's events are posted, and which of them (the filter names of <see cref="WebhookEvents"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookSubscription(
    [property: Id(0)] string Url,
    [property: Id(1)] IReadOnlyList<string> Events)
{
    public bool Wants(string eventType) => WebhookEvents.FilterNameOf(eventType) is { } name && Events.Contains(name, StringComparer.Ordinal);
}

/// <summary>The names a client filters deliveries by (<c>webhook_events_filter</c>), and the event types behind them.</summary>
public static class WebhookEvents
{
    public const string Queued = "queued";
    public const string Started = "started";
    public const string Progress = "progress";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> Names { get; } = [Queued, Started, Progress, Completed, Failed, Cancelled];

    /// <summary>Without a filter, a client hears how its job ended.</summary>
    public static IReadOnlyList<string> Default { get; } = [Completed, Failed, Cancelled];

    /// <summary>The filter name an event type is delivered under; <c>job.requeued</c> is queued again, so it goes with
    /// <c>queued</c>. Null for events no webhook carries (<c>job.deleted</c>: the client deleted the job itself).</summary>
    public static string? FilterNameOf(string eventType) => eventType switch
    {
        Events.JobEventTypes.Queued or Events.JobEventTypes.Requeued => Queued,
        Events.JobEventTypes.Started => Started,
        Events.JobEventTypes.Progress => Progress,
        Events.JobEventTypes.Completed => Completed,
        Events.JobEventTypes.Failed => Failed,
        Events.JobEventTypes.Cancelled => Cancelled,
        _ => null,
    };
}
