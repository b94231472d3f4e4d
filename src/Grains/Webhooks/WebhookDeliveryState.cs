namespace AudioMusic.Grains.Webhooks;

/// <summary>The persisted state of one delivery; <see cref="Delivery"/> is null while the id holds none.</summary>
[GenerateSerializer]
public sealed class WebhookDeliveryState
{
    [Id(0)] public WebhookDelivery? Delivery { get; set; }
    [Id(1)] public WebhookDeliveryStatus Status { get; set; }
    [Id(2)] public IReadOnlyList<WebhookAttempt> Attempts { get; set; } = [];
    [Id(3)] public DateTimeOffset? NextAttemptAt { get; set; }
}
