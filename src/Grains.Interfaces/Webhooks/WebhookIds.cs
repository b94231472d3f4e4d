using System.Globalization;

namespace AudioMusic.Grains.Webhooks;

/// <summary>A delivery's <c>webhook-id</c>: the job and the event's sequence, so the same event always has the same
/// id (the receiver's idempotency key) and a job's deliveries can be found from its events.</summary>
public static class WebhookIds
{
    public static string For(string jobId, long sequence) => string.Create(CultureInfo.InvariantCulture, $"msg_{jobId}_{sequence}");
}

/// <summary>A job's webhook: where it posts, and the ids of its stored deliveries (of the events the job still keeps).</summary>
[GenerateSerializer, Immutable]
public sealed record JobWebhooks(
    [property: Id(0)] WebhookSubscription? Subscription,
    [property: Id(1)] IReadOnlyList<string> DeliveryIds);
