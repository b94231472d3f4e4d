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

    /// <summary>The transition is already stored when its delivery is handed over: a failure here (the delivery's store
    /// or silo unreachable) must not fail the transition, whose caller would take it for not done. The delivery of that
    /// one event is lost, the window docs/api.md (Webhooks, Durable) describes; the event stays in the job's stream.</summary>
    private async Task StartDeliveryAsync(IWebhookDeliveryGrain grain, WebhookDelivery delivery)
    {
        try
        {
            await grain.Start(delivery);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogWebhookLost(ex, JobId, delivery.WebhookId);
        }
    }
}
