using AudioMusic.Contracts;
using AudioMusic.Grains.Events;
using AudioMusic.Grains.Webhooks;

namespace AudioMusic.Grains.Jobs;

/// <summary>The JobGrain's webhook: each event the client's filter wants becomes a delivery, handed over after the
/// event's transition is stored. Transitions get a durable delivery grain; progress reports, which the next one makes
/// stale, are sent once and at most every <see cref="ProgressInterval"/>.</summary>
public sealed partial class JobGrain
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);

    private DateTimeOffset _lastProgressWebhook = DateTimeOffset.MinValue;

    public Task<JobWebhooks?> GetWebhooks() => Task.FromResult(Exists
        ? new JobWebhooks(Job.Webhook, Job.Webhook is { } hook
            ? Job.Events.Where(e => hook.Wants(e.Type)).Select(e => WebhookIds.For(JobId, e.Sequence)).ToList()
            : [])
        : null);

    private async Task DeliverWebhooksAsync(IReadOnlyList<JobEvent> published)
    {
        if (Job.Webhook is not { } hook)
        {
            return;
        }
        foreach (var next in published.Where(e => hook.Wants(e.Type)))
        {
            var now = _time.GetUtcNow();
            var isProgress = next.Type == JobEventTypes.Progress;
            if (isProgress && now - _lastProgressWebhook < ProgressInterval)
            {
                continue;
            }
            var delivery = new WebhookDelivery(WebhookIds.For(JobId, next.Sequence), JobId, next.Sequence, next.Type, hook.Url,
                WebhookPayloads.Serialize(next, View()), now, Job.Owner);
            var grain = GrainFactory.GetGrain<IWebhookDeliveryGrain>(delivery.WebhookId);
            if (isProgress)
            {
                _lastProgressWebhook = now;
                await grain.SendOnce(delivery);
            }
            else
            {
                await StartDeliveryAsync(grain, delivery);
            }
        }
    }

    /// <summary>The transition is already stored when its delivery is handed over, and a failure here must not fail the
    /// transition, whose caller would take it for not done. The hand-over is retried while the delivery's grain is
    /// unreachable (its silo dying); a lasting failure (the delivery's store refusing it) loses that one event's delivery,
    /// logged, the window docs/api.md (Webhooks, Durable) describes; the event stays in the job's stream. A delivery that
    /// is already stored ignores a second start.</summary>
    private Task StartDeliveryAsync(IWebhookDeliveryGrain grain, WebhookDelivery delivery)
    {
        var jobId = JobId;
        return _handoff.RunAsync(() => grain.Start(delivery), error => LogWebhookLost(error, jobId, delivery.WebhookId));
    }
}
