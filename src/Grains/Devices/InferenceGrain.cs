using AudioMusic.Audio.Codecs;
using AudioMusic.Domain;
using AudioMusic.Engines;
using AudioMusic.Grains.Engines;
using AudioMusic.Grains.Jobs;
using AudioMusic.Grains.Queue;
using AudioMusic.Grains.Resilience;
using AudioMusic.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AudioMusic.Grains.Devices;

/// <summary>One compute device. Its work loop runs on the grain's scheduler as a background task (not a request),
/// so cancel and status calls interleave with it; the engine itself runs on the thread pool. One job at a time:
/// the device's memory budget is never shared by two jobs.</summary>
[DevicePlacement]
public sealed partial class InferenceGrain : Grain, IInferenceGrain
{
    /// <summary>How long a finished attempt keeps offering its result to a job grain that does not answer: one moving off
    /// a dead silo answers again once the death is declared and it is activated elsewhere (seconds). Meanwhile the job
    /// stays PROCESSING with this attempt; should its lease be recovered first, the result is refused as stale.</summary>
    private static readonly TimeSpan ResultRetryBound = TimeSpan.FromMinutes(1);

    private readonly DeviceInventory _inventory;
    private readonly EngineCatalog _engines;
    private readonly AudioEncoders _encoders;
    private readonly JobExecution _execution;
    private readonly JobOptions _jobOptions;
    private readonly TimeProvider _time;
    private readonly ILogger<InferenceGrain> _logger;
    private readonly WakeSignal _wake = new();
    private DeviceDescriptor _device = null!;
    private DeviceRegistration _registration = null!;
    private Task? _loop;
    private RunningAttempt? _running;
    /// <summary>The attempt completed since the queue was last asked for work: it learns the engine's speed from it.</summary>
    private RunReport? _finished;
    private bool _draining;
    private long _completed;
    private long _failed;

    public InferenceGrain(
        DeviceInventory inventory,
        EngineCatalog engines,
        AudioEncoders encoders,
        JobExecution execution,
        IOptions<JobOptions> jobOptions,
        TimeProvider time,
        ILogger<InferenceGrain> logger)
    {
        _inventory = inventory;
        _engines = engines;
        _encoders = encoders;
        _execution = execution;
        _jobOptions = jobOptions.Value;
        _time = time;
        _logger = logger;
    }

    private string Key => this.GetPrimaryKeyString();

    private IJobQueueGrain Queue => GrainFactory.GetGrain<IJobQueueGrain>(JobQueueGrain.DefaultKey);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!DeviceKeys.TryParse(Key, out _, out var deviceId) || _inventory.Find(deviceId) is not { } device)
        {
            throw new InvalidOperationException($"No device '{Key}' on this silo.");
        }
        _device = device;
        _registration = new DeviceRegistration(Key, SiloOfDevice, device.Kind.ToString().ToLowerInvariant(), device.Description,
            device.MemoryBytes, _engines.All.Select(_engines.OfferOf).ToArray(), _encoders.Available.ToArray());
        ReportState();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        ClusterGauges.Forget(Key);
        return Task.CompletedTask;
    }

    private string State => _draining ? "draining" : _running is null ? "idle" : "busy";

    // What the running attempt takes of the budget, by its engine's own estimate (the figure admission trusted).
    private long _memoryInUse;

    private void ReportState() => ClusterGauges.Report(Key, _registration.Kind, State, _registration.MemoryBudgetBytes, _running is null ? 0 : _memoryInUse);

    public async Task Start()
    {
        // Also the heartbeat: keeps this activation alive and the queue's registration fresh.
        DelayDeactivation(TimeSpan.FromMinutes(5));
        if (_draining)
        {
            return;
        }
        await Queue.Register(_registration);
        if (_loop is null || _loop.IsCompleted)
        {
            _loop = RunLoopAsync();
        }
    }

    public Task Wake()
    {
        _wake.Set();
        return Task.CompletedTask;
    }

    public Task Cancel(string jobId, int attempt)
    {
        if (_running is { } running && running.Lease.JobId == jobId && running.Lease.Attempt == attempt)
        {
            running.Stop(StopReason.Cancelled);
        }
        return Task.CompletedTask;
    }

    public Task<DeviceStatus> GetStatus()
    {
        return Task.FromResult(new DeviceStatus(_registration, State, _running?.Lease.JobId,
            Math.Round((_running?.Progress.Fraction ?? 0) * 100, 1), _completed, _failed));
    }

    public async Task Drain(TimeSpan grace)
    {
        _draining = true;
        ReportState();
        _wake.Set();
        await Queue.Unregister(Key);
        if (_running is { } running)
        {
            var finished = await Task.WhenAny(running.Finished, Task.Delay(grace, _time));
            if (finished != running.Finished)
            {
                running.Stop(StopReason.Draining);
                await running.Finished;
            }
        }
    }

    private async Task RunLoopAsync()
    {
        // A job taken from the queue whose grain did not answer Start: the next ask hands it back.
        string? notStarted = null;
        while (!_draining)
        {
            string? taken = null;
            try
            {
                var jobId = await Queue.Next(Key, _finished, notStarted);
                _finished = null;
                notStarted = null;
                if (jobId is null)
                {
                    await _wake.WaitAsync(TimeSpan.FromSeconds(5), _time);
                    continue;
                }
                taken = jobId;
                var asked = _time.GetTimestamp();
                var lease = await GrainFactory.GetGrain<IJobGrain>(jobId).Start(Key);
                taken = null;
                if (lease is not null)
                {
                    await RunAttemptAsync(lease, asked);
                }
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                // The queue or a job grain is moving between silos: try again shortly.
                LogLoopError(Key, ex.Message);
                notStarted = taken ?? notStarted;
                await Task.Delay(TimeSpan.FromSeconds(1), _time);
            }
        }
    }

    private async Task RunAttemptAsync(JobLease lease, long askedAt)
    {
        var job = GrainFactory.GetGrain<IJobGrain>(lease.JobId);
        var engine = _engines.Find(lease.Request.Model);
        if (engine is null || !engine.Availability.IsAvailable)
        {
            await job.Fail(lease.Attempt, $"engine '{lease.Request.Model}' is not available on {Key}", retryable: true);
            return;
        }
        using var running = new RunningAttempt(lease);
        _running = running;
        _memoryInUse = engine.EstimateMemoryBytes(lease.Request, _device);
        ReportState();
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["JobId"] = lease.JobId, ["Attempt"] = lease.Attempt, ["Device"] = Key });
        using var span = JobSpans.StartAttempt(lease, Key, engine.Name);
        LogStarted(lease.JobId, lease.Attempt, Key);
        var engineJob = new EngineJob(lease.JobId, lease.Request, lease.Seeds, _device);
        var work = Task.Run(() => _execution.RunAsync(engine, engineJob, lease.Attempt, running, running.Token));
        // Stop two renewals before the lease could run out: time for one renewal to be late and the stop to land.
        var fence = new LeaseFence(_time, _jobOptions.LeaseDuration, 2 * _jobOptions.LeaseRenewInterval, askedAt);
        var renewals = RenewWhileRunningAsync(job, running, fence, work);
        try
        {
            var result = await work;
            await renewals;
            // A render is expensive to make again: its result is offered until the job's grain can take it.
            if (await TransientRetry.RunAsync(() => job.Complete(lease.Attempt, result), ResultRetryBound, _time))
            {
                _completed++;
                _finished = new RunReport(engine.Name, result.Audio.Sum(a => a.DurationSeconds), _time.GetElapsedTime(askedAt).TotalSeconds);
                if (_finished.AudioSeconds > 0)
                {
                    JobMetrics.RecordRealTimeFactor(engine.Name, _registration.Kind, _finished.RunSeconds / _finished.AudioSeconds);
                }
            }
        }
        catch (OperationCanceledException) when (running.Token.IsCancellationRequested)
        {
            await renewals;
            LogStopped(lease.JobId, lease.Attempt, running.Reason.ToString());
            if (running.Reason == StopReason.Draining)
            {
                await job.HandBack(lease.Attempt);
            }
        }
        catch (Exception ex) when (ex is not OrleansException)
        {
            await renewals;
            _failed++;
            JobSpans.Failed(span, ex);
            LogJobFailed(ex, lease.JobId, lease.Attempt);
            // Bad requests fail for good; anything else may be this device's problem, so another may try.
            var retryable = ex is not (ArgumentException or InvalidDataException);
            await job.Fail(lease.Attempt, $"{ex.GetType().Name}: {ex.Message}", retryable);
        }
        finally
        {
            _running = null;
            ReportState();
            running.MarkFinished();
        }
    }

    /// <summary>Renews the lease and reports progress until the work ends; a refused renewal means the job was
    /// cancelled or taken over, and renewals that fail until the lease may be gone mean it could be taken over any
    /// moment (see <see cref="LeaseFence"/>): either way the engine is stopped.</summary>
    private async Task RenewWhileRunningAsync(IJobGrain job, RunningAttempt running, LeaseFence fence, Task work)
    {
        // Renewals are not part of the job's trace: a span a second would bury its stages.
        System.Diagnostics.Activity.Current = null;
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(_jobOptions.LeaseRenewInterval, _time));
            if (work.IsCompleted)
            {
                return;
            }
            try
            {
                var progress = running.Progress;
                var sent = _time.GetTimestamp();
                var renewal = job.RenewLease(running.Lease.Attempt, progress.Fraction * 100, progress.Stage);
                if (!await renewal.WaitAsync(fence.Remaining > TimeSpan.Zero ? fence.Remaining : TimeSpan.Zero, _time))
                {
                    running.Stop(StopReason.LeaseLost);
                }
                fence.Acknowledged(sent);
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                // A missed renewal is covered by the lease's length; the next one tries again, until the fence says
                // the lease may be gone.
                LogLoopError(Key, ex.Message);
                if (fence.Expired)
                {
                    running.Stop(StopReason.LeaseLost);
                }
            }
        }
    }

    private string SiloOfDevice => DeviceKeys.TryParse(Key, out var silo, out _) ? silo!.ToString() : Key;

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} attempt {Attempt} started on {Device}")]
    private partial void LogStarted(string jobId, int attempt, string device);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} attempt {Attempt} stopped: {Reason}")]
    private partial void LogStopped(string jobId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} attempt {Attempt} failed")]
    private partial void LogJobFailed(Exception ex, string jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {Device}: {Error}")]
    private partial void LogLoopError(string device, string error);
}
