using AudioMusic.Engines;
using AudioMusic.Grains.Engines;
using AudioMusic.Grains.Jobs;
using AudioMusic.Grains.Queue;
using AudioMusic.Grains.Resilience;
using AudioMusic.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AudioMusic.Grains.Devices;

/// <summary>One device's work loop: asks the queue for a job, runs it, renews its lease, offers its result, and asks
/// again. It belongs to the silo process, not to an activation of the device's grain. Orleans may deactivate that
/// activation at any time (a silo that held its directory entry died, say) and the next call activates another, while a
/// task started by the old one keeps running: a loop owned by the activation would then run twice, two jobs at once on
/// one device's memory, and the queue's record of what it handed the device would be overwritten and a job lost.
/// <see cref="DeviceWorkers"/> keeps exactly one per device, whatever happens to the grain. Runs on the thread pool;
/// the state the grain reads is written atomically.</summary>
public sealed partial class DeviceWorker
{
    /// <summary>How long a finished attempt keeps offering its result to a job grain that does not answer: one moving off
    /// a dead silo answers again once the death is declared and it is activated elsewhere (seconds). Meanwhile the job
    /// stays PROCESSING with this attempt; should its lease be recovered first, the result is refused as stale.</summary>
    private static readonly TimeSpan ResultRetryBound = TimeSpan.FromMinutes(1);

    private readonly DeviceDescriptor _device;
    private readonly IGrainFactory _grains;
    private readonly EngineCatalog _engines;
    private readonly JobExecution _execution;
    private readonly JobOptions _jobOptions;
    private readonly TimeProvider _time;
    private readonly ILogger<DeviceWorker> _logger;
    private readonly WakeSignal _wake = new();
    private readonly Lock _gate = new();
    private Task? _loop;
    private volatile RunningAttempt? _running;
    /// <summary>The attempt completed since the queue was last asked for work: it learns the engine's speed from it.</summary>
    private RunReport? _finished;
    private volatile bool _draining;
    private long _completed;
    private long _failed;
    // What the running attempt takes of the budget, by its engine's own estimate (the figure admission trusted).
    private long _memoryInUse;

    public DeviceWorker(DeviceRegistration registration, DeviceDescriptor device, IGrainFactory grains, EngineCatalog engines,
        JobExecution execution, IOptions<JobOptions> jobOptions, TimeProvider time, ILogger<DeviceWorker> logger)
    {
        Registration = registration;
        _device = device;
        _grains = grains;
        _engines = engines;
        _execution = execution;
        _jobOptions = jobOptions.Value;
        _time = time;
        _logger = logger;
        ReportState();
    }

    public DeviceRegistration Registration { get; }

    public bool IsDraining => _draining;

    private string Key => Registration.DeviceKey;

    private IJobQueueGrain Queue => _grains.GetGrain<IJobQueueGrain>(JobQueueGrain.DefaultKey);

    private string State => _draining ? "draining" : _running is null ? "idle" : "busy";

    public DeviceStatus Status
    {
        get
        {
            var running = _running;
            return new DeviceStatus(Registration, State, running?.Lease.JobId, Math.Round((running?.Progress.Fraction ?? 0) * 100, 1),
                Interlocked.Read(ref _completed), Interlocked.Read(ref _failed));
        }
    }

    /// <summary>Starts the loop unless it runs (it ends only when the device drains).</summary>
    public void EnsureRunning()
    {
        lock (_gate)
        {
            if (!_draining && (_loop is null || _loop.IsCompleted))
            {
                _loop = Task.Run(RunLoopAsync);
            }
        }
    }

    public void Wake() => _wake.Set();

    public void Cancel(string jobId, int attempt)
    {
        if (_running is { } running && running.Lease.JobId == jobId && running.Lease.Attempt == attempt)
        {
            running.Stop(StopReason.Cancelled);
        }
    }

    /// <summary>Stops pulling work; waits up to <paramref name="grace"/> for the running attempt, then stops it, and it
    /// hands its job back.</summary>
    public async Task DrainAsync(TimeSpan grace)
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

    private void ReportState() => ClusterGauges.Report(Key, Registration.Kind, State, Registration.MemoryBudgetBytes,
        _running is null ? 0 : Interlocked.Read(ref _memoryInUse));

    private async Task RunLoopAsync()
    {
        // The last job taken from the queue whose grain answered Start. The queue puts the job it handed out last back
        // in line unless the next ask names it: its grain did not answer, or the answer naming it was lost on the way.
        string? settled = null;
        while (!_draining)
        {
            try
            {
                var jobId = await Queue.Next(Key, _finished, settled);
                _finished = null;
                if (jobId is null)
                {
                    await _wake.WaitAsync(TimeSpan.FromSeconds(5), _time);
                    continue;
                }
                var asked = _time.GetTimestamp();
                var lease = await _grains.GetGrain<IJobGrain>(jobId).Start(Key);
                settled = jobId;
                if (lease is not null)
                {
                    await RunAttemptAsync(lease, asked);
                }
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                // The queue or a job grain is moving between silos: try again shortly.
                LogLoopError(Key, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), _time);
            }
        }
    }

    private async Task RunAttemptAsync(JobLease lease, long askedAt)
    {
        var job = _grains.GetGrain<IJobGrain>(lease.JobId);
        var engine = _engines.Find(lease.Request.Model);
        if (engine is null || !engine.Availability.IsAvailable)
        {
            await job.Fail(lease.Attempt, $"engine '{lease.Request.Model}' is not available on {Key}", retryable: true);
            return;
        }
        using var running = new RunningAttempt(lease);
        Interlocked.Exchange(ref _memoryInUse, engine.EstimateMemoryBytes(lease.Request, _device));
        _running = running;
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
                Interlocked.Increment(ref _completed);
                _finished = new RunReport(engine.Name, result.Audio.Sum(a => a.DurationSeconds), _time.GetElapsedTime(askedAt).TotalSeconds);
                if (_finished.AudioSeconds > 0)
                {
                    JobMetrics.RecordRealTimeFactor(engine.Name, Registration.Kind, _finished.RunSeconds / _finished.AudioSeconds);
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
            Interlocked.Increment(ref _failed);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} attempt {Attempt} started on {Device}")]
    private partial void LogStarted(string jobId, int attempt, string device);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} attempt {Attempt} stopped: {Reason}")]
    private partial void LogStopped(string jobId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} attempt {Attempt} failed")]
    private partial void LogJobFailed(Exception ex, string jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {Device}: {Error}")]
    private partial void LogLoopError(string device, string error);
}
