using AudioMusic.Grains;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AudioMusic.ApiHost.Hosting;

/// <summary>Ready when the dispatch queue answers: the cluster is reachable and can accept jobs.</summary>
public sealed class ClusterReadyCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var snapshot = await grains.GetGrain<IJobQueueGrain>("default").GetSnapshot().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return HealthCheckResult.Healthy($"{snapshot.Count} job(s) waiting");
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("the cluster does not answer", ex);
        }
    }
}
