using AudioMusic.ApiHost.Resilience;
using AudioMusic.Contracts;
using AudioMusic.Domain;
using AudioMusic.Grains;
using AudioMusic.Grains.Access;
using Microsoft.AspNetCore.Mvc;

namespace AudioMusic.ApiHost.Access;

/// <summary>GET usage: the caller's tenant's jobs by status, its key's limits and what is left of them. The admin key
/// reads any tenant's with <c>?tenant=</c> (or the whole service's without it); a tenant key naming another tenant
/// gets 403.</summary>
[ApiController]
public sealed class UsageController : ControllerBase
{
    private readonly IGrainFactory _grains;
    private readonly ClusterReads _reads;
    private readonly TimeProvider _time;

    public UsageController(IGrainFactory grains, ClusterReads reads, TimeProvider time)
    {
        _grains = grains;
        _reads = reads;
        _time = time;
    }

    [HttpGet("api/v1/usage")]
    [ProducesResponseType<UsageDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get([FromQuery] string? tenant)
    {
        var caller = HttpContext.Caller();
        if (tenant is not null && !KeyFields.IsTenant(tenant))
        {
            return Problems.Problems.Validation([new FieldError("tenant", "is not a tenant name")]);
        }
        if (tenant is not null && !caller.IsAdmin && tenant != caller.Tenant)
        {
            return Problems.Problems.Status(StatusCodes.Status403Forbidden, "/problems/forbidden", "Only the admin key may do this.",
                "A tenant key reads its own tenant's usage only.");
        }
        var owner = tenant ?? caller.Tenant;
        var counts = await _reads.RunAsync(() => _grains.GetGrain<IJobCatalogGrain>(0).Counts(owner), HttpContext.RequestAborted);
        var pending = counts.GetValueOrDefault(JobStatus.Pending);
        var unfinished = pending + counts.GetValueOrDefault(JobStatus.Processing);
        // The limits are the calling key's; the admin reading a tenant sees its jobs, not one of its keys' limits.
        var limits = caller.Tenant == owner ? caller.Limits : KeyLimits.None;
        var jobs = new JobCountsDto(counts.Values.Sum(), Enum.GetValues<JobStatus>().ToDictionary(s => s.ToWire(), s => counts.GetValueOrDefault(s)));
        // Jobs made with keys off belong to no tenant and count as "anonymous"; the whole service has no one total.
        var usageOf = owner ?? (caller.IsAdmin ? null : "anonymous");
        var audio = usageOf is null ? null
            : await _reads.RunAsync(() => _grains.GetGrain<ITenantUsageGrain>(usageOf).Get(_time.GetUtcNow()), HttpContext.RequestAborted);
        var left = new UsageLeftDto(limits.MaxQueuedJobs is { } queued ? Math.Max(0, queued - pending) : null,
            limits.MaxConcurrentJobs is { } concurrent ? Math.Max(0, concurrent - unfinished) : null,
            limits.MonthlyAudioSeconds is { } monthly && audio is not null ? Math.Max(0, monthly - audio.MonthSeconds) : null);
        return Ok(new UsageDto(owner, jobs, audio is null ? null : new UsageAudioDto(audio.Month, audio.MonthSeconds, audio.TotalSeconds),
            AccessMapper.ToDto(limits), left));
    }
}
