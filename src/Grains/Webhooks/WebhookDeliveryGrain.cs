using AudioMusic.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AudioMusic.Grains.Webhooks;

/// <summary>One delivery until it is done. Stored before the first attempt; while it is pending a reminder fires every
/// <see cref="WebhookOptions.ReminderPeriod"/>, so when its silo dies (or the whole cluster restarts) the delivery
/// comes back on a live silo and carries on from its stored attempts. Between attempts a timer waits out the retry
/// delay; attempts are turns of this grain, so one delivery never has two in flight, and a receiver that hangs holds
/// only this grain (and no thread: the sender is asynchronous).</summary>
public sealed partial class WebhookDeliveryGrain : Grain, IWebhookDeliveryGrain, IRemindable
{
    public const string StateName = "webhook";
    private const string ReminderName = "deliver";

    /// <summary>Timers within this of now keep the activation alive; longer waits are left to the reminder.</summary>
    private static readonly TimeSpan KeepAliveHorizon = TimeSpan.FromMinutes(2);

    private readonly IPersistentState<WebhookDeliveryState> _state;
    private readonly WebhookSender _sender;
    private readonly WebhookOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookDeliveryGrain> _logger;
    private IGrainTimer? _timer;

    public WebhookDeliveryGrain(
        [PersistentState(StateName, StorageNames.Jobs)] IPersistentState<WebhookDeliveryState> state,
        WebhookSender sender,
        IOptions<WebhookOptions> options,
        TimeProvider time,
        ILogger<WebhookDeliveryGrain> logger)
    {
        _state = state;
        _sender = sender;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    private WebhookDeliveryState Current => _state.State;

    private bool IsPending => Current.Delivery is not null && Current.Status == WebhookDeliveryStatus.Pending;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (IsPending)
        {
            ScheduleAt(Current.NextAttemptAt ?? _time.GetUtcNow());
        }
        return Task.CompletedTask;
    }

    public async Task Start(WebhookDelivery delivery)
    {
        if (Current.Delivery is not null)
        {
            return;
        }
        var now = _time.GetUtcNow();
        _state.State = new WebhookDeliveryState { Delivery = delivery, Status = WebhookDeliveryStatus.Pending, NextAttemptAt = now };
        await _state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(ReminderName, _options.ReminderPeriod, _options.ReminderPeriod);
        ScheduleAt(now);
    }

    public async Task SendOnce(WebhookDelivery delivery)
    {
        var result = await _sender.SendAsync(delivery, await TenantSecretsAsync(delivery), CancellationToken.None);
        WebhookMetrics.Record(result.Succeeded ? "progress_sent" : "progress_not_taken", delivery.EventType);
        if (!result.Succeeded)
        {
            LogProgressNotTaken(delivery.WebhookId, result.StatusCode, result.Error);
        }
        DeactivateOnIdle();
    }

    public Task<WebhookDeliveryView?> GetView() => Task.FromResult(Current.Delivery is { } delivery
        ? new WebhookDeliveryView(delivery, Current.Status, Current.Attempts, Current.NextAttemptAt)
        : null);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!IsPending)
        {
            await StopReminderAsync();
            return;
        }
        await AttemptAsync();
    }

    private async Task AttemptAsync()
    {
        if (!IsPending)
        {
            return;
        }
        if (Current.NextAttemptAt is { } due && due > _time.GetUtcNow())
        {
            // Woken early (by the reminder, or an activation): wait for the planned time.
            ScheduleAt(due);
            return;
        }
        var delivery = Current.Delivery!;
        var result = await _sender.SendAsync(delivery, await TenantSecretsAsync(delivery), CancellationToken.None);
        Current.Attempts = [.. Current.Attempts, new WebhookAttempt(result.At, result.StatusCode, result.Error, Math.Round(result.Duration.TotalMilliseconds, 1))];
        Current.NextAttemptAt = null;
        if (result.Succeeded)
        {
            Current.Status = WebhookDeliveryStatus.Delivered;
        }
        else if (result.StatusCode == 410)
        {
            Current.Status = WebhookDeliveryStatus.Gone;
        }
        else if (!result.IsRefused && WebhookRetrySchedule.DelayAfter(Current.Attempts.Count, delivery.WebhookId, _options, result.RetryAfter) is { } delay)
        {
            Current.NextAttemptAt = _time.GetUtcNow() + delay;
            LogRetrying(delivery.WebhookId, Current.Attempts.Count, result.StatusCode, result.Error, delay);
        }
        else
        {
            Current.Status = WebhookDeliveryStatus.Failed;
            LogGaveUp(delivery.WebhookId, Current.Attempts.Count, result.StatusCode, result.Error);
        }
        await _state.WriteStateAsync();
        WebhookMetrics.Record(IsPending ? "retrying" : Current.Status.ToString().ToLowerInvariant(), delivery.EventType);
        if (IsPending)
        {
            ScheduleAt(Current.NextAttemptAt!.Value);
            return;
        }
        await StopReminderAsync();
        DeactivateOnIdle();
    }

    /// <summary>A tenant's delivery is signed with the tenant's secrets as they stand now (so one made before a
    /// rotation and retried after it carries the new signature too); a delivery of the keyless mode with
    /// <c>Webhooks:Secret</c>. A failure to read them fails this attempt's turn; the reminder tries again.</summary>
    private async Task<IReadOnlyList<string>?> TenantSecretsAsync(WebhookDelivery delivery) =>
        delivery.Owner is { } tenant
            ? (await GrainFactory.GetGrain<ITenantWebhookSecretGrain>(tenant).Get(_time.GetUtcNow())).SigningAt(_time.GetUtcNow())
            : null;

    private void ScheduleAt(DateTimeOffset due)
    {
        var wait = due - _time.GetUtcNow();
        wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        _timer?.Dispose();
        _timer = this.RegisterGrainTimer(static (grain, _) => grain.AttemptAsync(), this,
            new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = wait < KeepAliveHorizon });
    }

    private async Task StopReminderAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {WebhookId}: attempt {Attempt} not taken ({StatusCode} {Error}); next in {Delay}")]
    private partial void LogRetrying(string webhookId, int attempt, int? statusCode, string? error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId}: given up after {Attempts} attempts ({StatusCode} {Error})")]
    private partial void LogGaveUp(string webhookId, int attempts, int? statusCode, string? error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook {WebhookId} (progress, not retried): {StatusCode} {Error}")]
    private partial void LogProgressNotTaken(string webhookId, int? statusCode, string? error);
}
