using System.Diagnostics.Metrics;

namespace AudioMusic.Grains.Telemetry;

/// <summary>What happens to jobs, counted where it happens (the JobGrain's transitions, the devices' attempts). Tags:
/// <c>task</c> (the route), <c>engine</c>, and for finished jobs <c>outcome</c> (completed, failed, cancelled).</summary>
public static class JobMetrics
{
    private static readonly Counter<long> Submitted = AudioMusicTelemetry.Meter.CreateCounter<long>(
        "audiomusic.jobs.submitted", "{job}", "Jobs accepted by the queue.");

    private static readonly Counter<long> Finished = AudioMusicTelemetry.Meter.CreateCounter<long>(
        "audiomusic.jobs.finished", "{job}", "Jobs that reached COMPLETED, FAILED or CANCELLED (tag outcome).");

    private static readonly Counter<long> Requeued = AudioMusicTelemetry.Meter.CreateCounter<long>(
        "audiomusic.jobs.requeued", "{job}", "Attempts given back to the queue: a lost device, a drain, a retryable failure.");

    private static readonly Histogram<double> QueueWait = AudioMusicTelemetry.Meter.CreateHistogram(
        "audiomusic.job.queue_wait", "s", "From entering the queue to a device starting the attempt.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800] });

    private static readonly Histogram<double> RunTime = AudioMusicTelemetry.Meter.CreateHistogram(
        "audiomusic.job.run_time", "s", "From a device starting an attempt to the job's outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600] });

    private static readonly Histogram<double> RealTimeFactor = AudioMusicTelemetry.Meter.CreateHistogram(
        "audiomusic.engine.real_time_factor", "1", "Seconds of an attempt per second of audio it made (below 1: faster than real time).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 5] });

    public static void RecordSubmitted(string task, string engine) =>
        Submitted.Add(1, new("task", task), new("engine", engine));

    public static void RecordRequeued(string task, string engine) =>
        Requeued.Add(1, new("task", task), new("engine", engine));

    public static void RecordStarted(string task, string engine, TimeSpan waited) =>
        QueueWait.Record(Math.Max(0, waited.TotalSeconds), new("task", task), new("engine", engine));

    /// <summary>A job's outcome; <paramref name="ran"/> is null for a job cancelled before it ran.</summary>
    public static void RecordFinished(string task, string engine, string outcome, TimeSpan? ran)
    {
        Finished.Add(1, new("task", task), new("engine", engine), new("outcome", outcome));
        if (ran is { } time)
        {
            RunTime.Record(Math.Max(0, time.TotalSeconds), new("task", task), new("engine", engine), new("outcome", outcome));
        }
    }

    public static void RecordRealTimeFactor(string engine, string deviceKind, double factor) =>
        RealTimeFactor.Record(factor, new("engine", engine), new("device_kind", deviceKind));
}
