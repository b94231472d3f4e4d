using System.Globalization;
using AudioMusic.ApiHost.Resilience;
using AudioMusic.Domain;
using AudioMusic.Grains;
using Microsoft.AspNetCore.Mvc;

namespace AudioMusic.ApiHost.Access;

/// <summary>A key's job limits, checked before a submit: <c>monthly_audio_seconds</c> the audio the tenant generated
/// this UTC month, <c>max_concurrent_jobs</c> the tenant's unfinished jobs (pending and running), <c>max_queued_jobs</c>
/// those still waiting. The counts come from the job index every silo
/// and host shares, so the limits hold across the cluster. Two submits of one tenant racing on different hosts can
/// both pass the last free place; the limit is then exceeded by that race, never by more (docs/security.md).</summary>
public sealed class TenantQuotas
{
    /// <summary>A tenant at its limit waits for one of its jobs to finish; a short wait is the honest advice.</summary>
    private const int RetryAfterSeconds = 10;

    private readonly IGrainFactory _grains;
    private readonly ClusterReads _reads;
    private readonly TimeProvider _time;

    public TenantQuotas(IGrainFactory grains, ClusterReads reads, TimeProvider time)
    {
        _grains = grains;
        _reads = reads;
        _time = time;
    }

    /// <summary>The 429 for a caller at one of its limits, or null.</summary>
    public async Task<ObjectResult?> RefusalAsync(Caller caller, HttpResponse response, CancellationToken cancellationToken)
    {
        var limits = caller.Limits;
        if (caller.Tenant is null)
        {
            return null;
        }
        if (limits.MonthlyAudioSeconds is { } monthly)
        {
            var audio = await _reads.RunAsync(() => _grains.GetGrain<Grains.Access.ITenantUsageGrain>(caller.Tenant).Get(_time.GetUtcNow()), cancellationToken);
            if (audio.MonthSeconds >= monthly)
            {
                // Nothing frees this up before the month turns: say when that is.
                var now = _time.GetUtcNow();
                var nextMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
                response.Headers.RetryAfter = ((int)Math.Ceiling((nextMonth - now).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return Problems.Problems.Status(StatusCodes.Status429TooManyRequests, "/problems/quota-exceeded", "A limit of this API key is reached.",
                    string.Create(CultureInfo.InvariantCulture, $"monthly_audio_seconds is {monthly} and this tenant has generated {audio.MonthSeconds:0.#} s in {audio.Month}; the limit resets at {nextMonth:yyyy-MM-dd} 00:00 UTC."));
            }
        }
        if (limits.MaxConcurrentJobs is null && limits.MaxQueuedJobs is null)
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
