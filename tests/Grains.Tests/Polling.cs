using AudioMusic.Domain;

namespace AudioMusic.Grains.Tests;

public static class Polling
{
    public static async Task<JobView> UntilAsync(IJobGrain job, Func<JobView, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        JobView? view = null;
        while (DateTime.UtcNow < deadline)
        {
            view = await job.GetView();
            if (view is not null && condition(view))
            {
                return view;
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"job never reached the condition; last status {view?.Status.ToWire() ?? "none"}, stage {view?.Stage}");
    }

    /// <summary>Waits until the queue knows <paramref name="count"/> devices (they register right after start-up).</summary>
    public static async Task UntilDevicesAsync(TestCluster cluster, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((await cluster.Queue.GetStatus()).Devices.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"fewer than {count} devices registered");
            }
            await Task.Delay(25);
        }
    }

    public static Task<JobView> UntilStatusAsync(IJobGrain job, JobStatus status, TimeSpan? timeout = null) =>
        UntilAsync(job, v => v.Status == status, timeout);
}
