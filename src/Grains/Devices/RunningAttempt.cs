using AudioMusic.Engines;

namespace AudioMusic.Grains.Devices;

public enum StopReason
{
    None,
    Cancelled,
    LeaseLost,
    Draining,
}

/// <summary>The attempt a device is running: its lease, its stop switch and its latest progress (written by the
/// engine's thread, read by the device's worker and its grain).</summary>
internal sealed class RunningAttempt : IProgress<EngineProgress>, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private EngineProgress _progress = new(0, "starting");
    private readonly Lock _gate = new();

    public RunningAttempt(JobLease lease) => Lease = lease;

    public JobLease Lease { get; }

    public CancellationToken Token => _stop.Token;

    public StopReason Reason { get; private set; }

    public Task Finished => _finished.Task;

    public EngineProgress Progress
    {
        get
        {
            lock (_gate)
            {
                return _progress;
            }
        }
    }

    public void Report(EngineProgress value)
    {
        lock (_gate)
        {
            // Never backwards: a job's progress only grows.
            if (value.Fraction >= _progress.Fraction)
            {
                _progress = value;
            }
        }
    }

    /// <summary>Stops the attempt; the first reason given is kept (a cancel and a lost lease can race).</summary>
    public void Stop(StopReason reason)
    {
        lock (_gate)
        {
            if (Reason == StopReason.None)
            {
                Reason = reason;
            }
        }
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // A cancel from the device's grain arrived as the attempt ended: nothing is left to stop.
        }
    }

    public void MarkFinished() => _finished.TrySetResult();

    public void Dispose() => _stop.Dispose();
}
