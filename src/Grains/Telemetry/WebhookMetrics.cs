using System.Diagnostics.Metrics;

namespace AudioMusic.Grains.Telemetry;

/// <summary>Webhook attempts by outcome: <c>delivered</c>, <c>retrying</c> (not taken; another attempt is planned),
/// <c>failed</c> (attempts used up, or the address refused), <c>gone</c> (the receiver answered 410), and
/// <c>progress</c> deliveries that were sent once (<c>progress_sent</c>, <c>progress_not_taken</c>).</summary>
public static class WebhookMetrics
{
    private static readonly Counter<long> Attempts = AudioMusicTelemetry.Meter.CreateCounter<long>(
        "audiomusic.webhook.attempts", "{attempt}", "Webhook POSTs by outcome and event type.");

    public static void Record(string outcome, string eventType) =>
        Attempts.Add(1, new("outcome", outcome), new("event", eventType));
}
