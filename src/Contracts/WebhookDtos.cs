using AudioMusic.Grains.Webhooks;

namespace AudioMusic.Contracts;

/// <summary>GET jobs/{id}/webhooks: where the job's events go, which ones, and every stored delivery with its attempts
/// (progress deliveries are sent once and not recorded).</summary>
public sealed record JobWebhooksDto(string JobId, string? CallbackUrl, IReadOnlyList<string> WebhookEventsFilter, IReadOnlyList<WebhookDeliveryDto> Deliveries);

/// <summary>One delivery: <c>status</c> is pending, delivered, failed (attempts used up, or the address refused) or
/// gone (the receiver answered 410).</summary>
public sealed record WebhookDeliveryDto(string WebhookId, string EventType, long Sequence, string Status, DateTimeOffset CreatedAt,
    IReadOnlyList<WebhookAttemptDto> Attempts, DateTimeOffset? NextAttemptAt);

/// <summary>One POST: the receiver's status code, or the error when none came back.</summary>
public sealed record WebhookAttemptDto(DateTimeOffset At, int? StatusCode, string? Error, double DurationMs);

public static class WebhookMapper
{
    public static JobWebhooksDto ToDto(string jobId, WebhookSubscription? subscription, IEnumerable<WebhookDeliveryView> deliveries) => new(
        jobId,
        subscription?.Url,
        subscription?.Events ?? [],
        [.. deliveries.OrderBy(d => d.Delivery.Sequence).Select(d => new WebhookDeliveryDto(d.Delivery.WebhookId, d.Delivery.EventType,
            d.Delivery.Sequence, d.Status.ToString().ToLowerInvariant(), d.Delivery.CreatedAt,
            [.. d.Attempts.Select(a => new WebhookAttemptDto(a.At, a.StatusCode, a.Error, a.DurationMs))], d.NextAttemptAt))]);
}

/// <summary>The caller's tenant's webhook signing secrets: <c>secret</c> signs every delivery; after a rotation
/// <c>previous_secret</c> signs beside it until <c>previous_expires_at</c>.</summary>
public sealed record WebhookSecretDto(string Secret, string? PreviousSecret, DateTimeOffset? PreviousExpiresAt);
