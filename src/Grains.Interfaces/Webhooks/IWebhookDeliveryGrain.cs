using Orleans.Concurrency;

namespace AudioMusic.Grains.Webhooks;

/// <summary>One webhook delivery, keyed by its <c>webhook-id</c>. A durable delivery is stored before it is first
/// tried and a reminder brings it back after its silo dies, until the receiver takes it, answers 410, or the attempts
/// run out; a progress delivery is tried once, in memory only.</summary>
public interface IWebhookDeliveryGrain : IGrainWithStringKey
{
    /// <summary>Stores the delivery (once: a second call with the same id changes nothing) and tries it at once.</summary>
    Task Start(WebhookDelivery delivery);

    /// <summary>One attempt, nothing stored: for progress events, which the next one makes stale.</summary>
    [OneWay]
    Task SendOnce(WebhookDelivery delivery);

    /// <summary>The delivery and its attempts; null when this id was never stored.</summary>
    [AlwaysInterleave]
    Task<WebhookDeliveryView?> GetView();
}

/// <summary>What to post: the body is fixed when the event happens, so every retry sends the same bytes.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookDelivery(
    [property: Id(0)] string WebhookId,
    [property: Id(1)] string JobId,
    [property: Id(2)] long Sequence,
    [property: Id(3)] string EventType,
    [property: Id(4)] string Url,
    [property: Id(5)] string Body,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] string? Owner = null);

[GenerateSerializer]
public enum WebhookDeliveryStatus
{
    /// <summary>Not taken yet; <see cref="WebhookDeliveryView.NextAttemptAt"/> says when it is tried again.</summary>
    Pending,
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,
    /// <summary>Every attempt failed; nothing more is sent.</summary>
    Failed,
    /// <summary>The receiver answered 410 Gone: it wants no more, so nothing more is sent.</summary>
    Gone,
}

/// <summary>One POST: when, and what came back (a status code, or why none did).</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookAttempt(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int? StatusCode,
    [property: Id(2)] string? Error,
    [property: Id(3)] double DurationMs);

[GenerateSerializer, Immutable]
public sealed record WebhookDeliveryView(
    [property: Id(0)] WebhookDelivery Delivery,
    [property: Id(1)] WebhookDeliveryStatus Status,
    [property: Id(2)] IReadOnlyList<WebhookAttempt> Attempts,
    [property: Id(3)] DateTimeOffset? NextAttemptAt);
