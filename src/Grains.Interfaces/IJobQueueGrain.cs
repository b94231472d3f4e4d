namespace AudioMusic.Grains;

/// <summary>The dispatch queue (one per cluster, key "default"): bounded, tenants in turn, FIFO within each. Idle devices pull from it; it wakes
/// idle devices when work arrives. It holds only soft state, rebuilt from the job index on activation, so losing its
/// silo loses nothing.</summary>
public interface IJobQueueGrain : IGrainWithStringKey
{
    /// <summary>Admits a job, or says why not (full, or no device can ever run it).</summary>
    Task<EnqueueOutcome> Enqueue(QueueTicket ticket);

    Task Remove(string jobId);

    /// <summary>The oldest waiting job this device can run, or null (then the device is woken when one arrives).
    /// <paramref name="finished"/> is the attempt the device completed since it last asked, which the queue's run-time
    /// estimates learn from. <paramref name="settled"/> is the last job the device was given whose grain answered its
    /// Start. The job given to the device last goes back to its place in the line unless it is that one: the device
    /// could not reach its grain, or never got the answer that named it.</summary>
    Task<string?> Next(string deviceKey, RunReport? finished = null, string? settled = null);

    Task Register(DeviceRegistration device);

    Task Unregister(string deviceKey);

    [Orleans.Concurrency.ReadOnly]
    Task<QueueSnapshot> GetSnapshot();

    [Orleans.Concurrency.ReadOnly]
    Task<ClusterStatus> GetStatus();

    /// <summary>Finds processing jobs whose device stopped renewing their lease and recovers them.</summary>
    Task Sweep();
}
