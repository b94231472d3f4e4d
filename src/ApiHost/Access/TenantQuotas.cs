using System.Globalization;
using AudioMusic.ApiHost.Resilience;
using AudioMusic.Domain;
using AudioMusic.Grains;
using Microsoft.AspNetCore.Mvc;

namespace AudioMusic.ApiHost.Access;

/// <summary>A key's job limits, checked before a submit: <c>max_concurrent_jobs</c> counts the tenant's unfinished jobs
/// (pending and running), <c>max_queued_jobs</c> those still waiting. The counts come from the job index every silo
/// and host shares, so the limits hold across the cluster. Two submits of one tenant racing on different hosts can
/// both pass the last free place; the limit is then exceeded by that race, never by more (docs/security.md).</summary>
public sealed class TenantQuotas
{
    /// <summary>A tenant at its limit waits for one of its jobs to finish; a short wait is the honest advice.</summary>
    private const int RetryAfterSeconds = 10;

    private readonly IGrainFactory _grains;
    private readonly ClusterReads _reads;

    public TenantQuotas(IGrainFactory grains, ClusterReads reads)
    {
        _grains = grains;
        _reads = reads;
    }

    /// <summary>The 429 for a caller at one of its limits, or null.</summary>
    public async Task<ObjectResult?> RefusalAsync(Caller caller, HttpResponse response, CancellationToken cancellationToken)
    {
        var limits = caller.Limits;
        if (caller.Tenant is null || (limits.MaxConcurrentJobs is null && limits.MaxQueuedJobs is null))
        {
            return null;
        }
        var counts = await _reads.RunAsync(() => _grains.GetGrain<IJobCatalogGrain>(0).Counts(caller.Tenant), cancellationToken);
        var pending = counts.GetValueOrDefault(JobStatus.Pending);
        var unfinished = pending + counts.GetValueOrDefault(JobStatus.Processing);
        if (limits.MaxQueuedJobs is { } queued && pending >= queued)
        {
            return Refuse(response, "max_queued_jobs", queued, pending, "waiting");
        }
        if (limits.MaxConcurrentJobs is { } concurrent && unfinished >= concurrent)
        {
            return Refuse(response, "max_concurrent_jobs", concurrent, unfinished, "unfinished");
        }
        return null;
    }

    private static ObjectResult Refuse(HttpResponse response, string limit, int value, long count, string what)
    {
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Problems.Status(StatusCodes.Status429TooManyRequests, "/problems/quota-exceeded", "A limit of this API key is reached.",
            string.Create(CultureInfo.InvariantCulture, $"{limit} is {value} and this tenant has {count} {what} jobs; retry when one finishes."));
    }
}
