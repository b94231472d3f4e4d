using AudioMusic.Domain;
using AudioMusic.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AudioMusic.Grains.Queue;

/// <summary>The cluster's dispatch queue. Soft state only: on activation it rebuilds the waiting list from the job
/// index (the jobs themselves are persisted by their JobGrains), so a lost silo loses no job. A reminder brings it
/// back on another silo, and its sweep re-queues jobs whose device stopped renewing its lease.</summary>
public sealed partial class JobQueueGrain : Grain, IJobQueueGrain, IRemindable
{
    public const string DefaultKey = "default";
    private const string SweepReminder = "sweep";

    private readonly IJobIndex _index;
    private readonly DeviceMatcher _matcher;
    private readonly QueueOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<JobQueueGrain> _logger;
    private readonly Dictionary<string, (DeviceRegistration Device, DateTimeOffset LastSeen)> _devices = new(StringComparer.Ordinal);
    private readonly HashSet<string> _idleDevices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RunningWork> _running = new(StringComparer.Ordinal);
    // The job each device was given last, until the device asks again (naming it if the job's grain answered its Start)
    // or is gone: a job whose answer never reached its device, or that a device could not start (the job's grain did
    // not answer, or the device died first), is still PENDING and must not drop out of the line.
    private readonly Dictionary<string, QueueTicket> _handedOut = new(StringComparer.Ordinal);
    private readonly RealTimeFactors _factors = new();
    private readonly string _defaultEngine;
    private DispatchQueue _queue = null!;
    private QueueSnapshot? _snapshot;
    private long _version;

    public JobQueueGrain(IJobIndex index, DeviceMatcher matcher, IOptions<QueueOptions> options, IOptions<Engines.EngineOptions> engines,
        TimeProvider time, ILogger<JobQueueGrain> logger)
    {
        _defaultEngine = engines.Value.Default;
        _index = index;
        _matcher = matcher;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _queue = new DispatchQueue(_options.Capacity);
        await RebuildAsync(cancellationToken);
        await this.RegisterOrUpdateReminder(SweepReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        // The first sweep runs as soon as the queue is up: a queue that moved because its silo died finds the dead
        // silo's leases run out by now, or soon.
        this.RegisterGrainTimer(static (grain, _) => grain.SweepOnce(), this,
            new GrainTimerCreationOptions(TimeSpan.Zero, _options.SweepInterval) { Interleave = false, KeepAlive = true });
    }

    public Task<EnqueueOutcome> Enqueue(QueueTicket ticket)
    {
        if (_matcher.CheckEngineKnown(ticket.Request) is { } unknown)
        {
            return Task.FromResult(new EnqueueOutcome(EnqueueStatus.Unservable, 0, unknown, null));
        }
        var liveDevices = LiveDevices().ToList();
        if (liveDevices.Count > 0)
        {
            var reasons = liveDevices.Select(d => _matcher.WhyNot(d, ticket.Request)).ToList();
            if (reasons.All(r => r is not null))
            {
                return Task.FromResult(new EnqueueOutcome(EnqueueStatus.Unservable, 0, reasons[0], null));
            }
        }
        if (_queue.IsFull && !_queue.Contains(ticket.JobId))
        {
            return Task.FromResult(new EnqueueOutcome(EnqueueStatus.QueueFull, 0, null, _options.RetryAfter));
        }
        var sequence = _queue.NextSequence(ticket.Owner);
        _queue.Add(ticket with { Sequence = sequence });
        Changed();
        WakeOneDeviceFor(ticket);
        return Task.FromResult(new EnqueueOutcome(EnqueueStatus.Enqueued, sequence, null, null, _queue.PositionOf(sequence)));
    }

    public Task Remove(string jobId)
    {
        if (_queue.Remove(jobId))
        {
            Changed();
        }
        return Task.CompletedTask;
    }

    public Task<string?> Next(string deviceKey, RunReport? finished = null, string? settled = null)
    {
        if (_running.Remove(deviceKey))
        {
            Changed();
        }
        if (_handedOut.Remove(deviceKey, out var previous) && previous.JobId != settled)
        {
            PutBack(previous);
        }
        if (!_devices.TryGetValue(deviceKey, out var entry))
        {
            // A device the queue does not know (the queue was just rebuilt): it re-registers on its next heartbeat.
            return Task.FromResult<string?>(null);
        }
        if (finished is not null)
        {
            _factors.Record(finished.Engine, entry.Device.Kind, finished);
        }
        var ticket = _queue.TakeFirst(t => _matcher.WhyNot(entry.Device, t.Request) is null);
        if (ticket is null)
        {
            _idleDevices.Add(deviceKey);
            return Task.FromResult<string?>(null);
        }
        _idleDevices.Remove(deviceKey);
        _running[deviceKey] = new RunningWork(Estimates().SecondsFor(ticket.Request), _time.GetUtcNow());
        _handedOut[deviceKey] = ticket;
        Changed();
        return Task.FromResult<string?>(ticket.JobId);
    }

    public Task Register(DeviceRegistration device)
    {
        var isNew = !_devices.ContainsKey(device.DeviceKey);
        _devices[device.DeviceKey] = (device, _time.GetUtcNow());
        if (isNew)
        {
            LogDeviceRegistered(device.DeviceKey, device.Description);
            Changed();
            if (_queue.Count > 0)
            {
                // A device the queue did not know (new, or the queue was rebuilt) may be waiting to be woken.
                GrainFactory.GetGrain<IInferenceGrain>(device.DeviceKey).Wake().Ignore();
            }
        }
        return Task.CompletedTask;
    }

    public Task Unregister(string deviceKey)
    {
        if (_devices.Remove(deviceKey))
        {
            LogDeviceGone(deviceKey, "unregistered");
        }
        _idleDevices.Remove(deviceKey);
        _running.Remove(deviceKey);
        ReleaseHandedOut(deviceKey);
        Changed();
        return Task.CompletedTask;
    }

    public Task<QueueSnapshot> GetSnapshot()
    {
        if (_snapshot is null)
        {
            var estimates = Estimates();
            _snapshot = _queue.Snapshot(_version, t => estimates.SecondsFor(t.Request)) with
            {
                Running = [.. _running.Values],
                Devices = LiveDevices().Count(),
                Estimates = estimates,
            };
        }
        return Task.FromResult(_snapshot);
    }

    private RunEstimates Estimates() => _factors.For(LiveDevices(), _defaultEngine);

    public async Task<ClusterStatus> GetStatus()
    {
        var statuses = await Task.WhenAll(LiveDevices().Select(async d =>
        {
            try
            {
                return await GrainFactory.GetGrain<IInferenceGrain>(d.DeviceKey).GetStatus().WaitAsync(TimeSpan.FromSeconds(2));
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                return new DeviceStatus(d, "unreachable", null, 0, 0, 0);
            }
        }));
        var running = statuses.Where(s => s.RunningJobId is not null).Select(s => s.RunningJobId!).ToList();
        return new ClusterStatus(statuses, _queue.Count, _queue.Capacity, running);
    }

    public Task Sweep() => SweepOnce();

    public Task ReceiveReminder(string reminderName, TickStatus status) => SweepOnce();

    private async Task SweepOnce()
    {
        ForgetSilentDevices();
        var expired = await _index.ExpiredLeasesAsync(_time.GetUtcNow(), 100, CancellationToken.None);
        foreach (var entry in expired)
        {
            // Not awaited: recovering re-enqueues the job, which calls back into this (non-reentrant) grain.
            // A recovery that fails is simply found again by the next sweep.
            _ = RecoverAsync(entry);
        }
    }

    private async Task RecoverAsync(JobIndexEntry entry)
    {
        LogRecovering(entry.JobId, entry.Attempt, entry.LeaseExpiresAt);
        try
        {
            await GrainFactory.GetGrain<IJobGrain>(entry.JobId).RecoverExpiredLease(entry.Attempt);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            LogSweepFailed(entry.JobId, ex.Message);
        }
    }

    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var pending = await _index.PendingAsync(_options.Capacity, cancellationToken);
        foreach (var batch in pending.Chunk(64))
        {
            var tickets = await Task.WhenAll(batch.Select(e => GrainFactory.GetGrain<IJobGrain>(e.JobId).GetQueueTicket()));
            foreach (var ticket in tickets.OfType<QueueTicket>())
            {
                _queue.Add(ticket.Sequence > 0 ? ticket : ticket with { Sequence = _queue.NextSequence(ticket.Owner) });
            }
        }
        Changed();
        if (_queue.Count > 0)
        {
            LogRebuilt(_queue.Count);
        }
    }

    /// <summary>A device left without saying what became of the job it was given last. Only the job's grain knows
    /// whether it started; one still PENDING goes back in line. Not awaited, like the lease sweep's recoveries.</summary>
    private void ReleaseHandedOut(string deviceKey)
    {
        if (_handedOut.Remove(deviceKey, out var ticket))
        {
            _ = PutBackIfNotStartedAsync(ticket, deviceKey);
        }
    }

    private async Task PutBackIfNotStartedAsync(QueueTicket ticket, string deviceKey)
    {
        QueueTicket? pending;
        try
        {
            pending = await GrainFactory.GetGrain<IJobGrain>(ticket.JobId).GetQueueTicket();
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            // Unsure, so back in line: a job that did start refuses the next device's Start, which then moves on.
            LogSweepFailed(ticket.JobId, ex.Message);
            pending = ticket;
        }
        if (pending is not null && PutBack(pending))
        {
            LogPutBack(pending.JobId, deviceKey);
        }
    }

    /// <summary>Returns a ticket to its old place (its sequence), unless it is already waiting.</summary>
    private bool PutBack(QueueTicket ticket)
    {
        if (_queue.Contains(ticket.JobId))
        {
            return false;
        }
        _queue.Add(ticket);
        Changed();
        WakeOneDeviceFor(ticket);
        return true;
    }

    private void WakeOneDeviceFor(QueueTicket ticket)
    {
        foreach (var key in _idleDevices)
        {
            if (_devices.TryGetValue(key, out var entry) && _matcher.WhyNot(entry.Device, ticket.Request) is null)
            {
                _idleDevices.Remove(key);
                GrainFactory.GetGrain<IInferenceGrain>(key).Wake().Ignore();
                return;
            }
        }
    }

    private void ForgetSilentDevices()
    {
        var cutoff = _time.GetUtcNow() - _options.DeviceTimeout;
        foreach (var key in _devices.Where(d => d.Value.LastSeen < cutoff).Select(d => d.Key).ToList())
        {
            _devices.Remove(key);
            _idleDevices.Remove(key);
            _running.Remove(key);
            ReleaseHandedOut(key);
            Changed();
            LogDeviceGone(key, "stopped sending heartbeats");
        }
    }

    private IEnumerable<DeviceRegistration> LiveDevices()
    {
        var cutoff = _time.GetUtcNow() - _options.DeviceTimeout;
        return _devices.Values.Where(d => d.LastSeen >= cutoff).Select(d => d.Device);
    }

    private void Changed()
    {
        _version++;
        _snapshot = null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {Device} registered: {Description}")]
    private partial void LogDeviceRegistered(string device, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {Device} removed: {Reason}")]
    private partial void LogDeviceGone(string device, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue rebuilt with {Count} waiting jobs")]
    private partial void LogRebuilt(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} went back in line: device {Device} left before starting it")]
    private partial void LogPutBack(string jobId, string device);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: the lease of attempt {Attempt} ran out at {LeaseExpiresAt:O}; recovering it")]
    private partial void LogRecovering(string jobId, int attempt, DateTimeOffset? leaseExpiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep could not recover job {JobId}: {Error}")]
    private partial void LogSweepFailed(string jobId, string error);
}
