using AudioMusic.ApiHost.Access;
using AudioMusic.ApiHost.Resilience;
using AudioMusic.Contracts;
using AudioMusic.Grains.Webhooks;
using Microsoft.AspNetCore.Mvc;

namespace AudioMusic.ApiHost.Webhooks;

/// <summary>A tenant's webhook signing secret, to verify its deliveries with, and its rotation. Only a tenant key has
/// one: with keys off (and for the admin key) deliveries are signed with <c>Webhooks:Secret</c>, which the operator
/// keeps in configuration, so these routes answer 404.</summary>
[ApiController]
public sealed class WebhookSecretController : ControllerBase
{
    private readonly IGrainFactory _grains;
    private readonly ClusterReads _reads;
    private readonly TimeProvider _time;
    private readonly TimeSpan _grace;

    public WebhookSecretController(IGrainFactory grains, ClusterReads reads, TimeProvider time, IConfiguration configuration)
    {
        _grains = grains;
        _reads = reads;
        _time = time;
        _grace = configuration.GetValue("Webhooks:RotationGrace", TimeSpan.FromHours(24));
    }

    /// <summary>The tenant's signing secret (made on first use) and, after a rotation, the previous one while it still signs.</summary>
    [HttpGet("api/v1/webhooks/secret")]
    [ProducesResponseType<WebhookSecretDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get()
    {
        if (HttpContext.Caller().Tenant is not { } tenant)
        {
            return NoTenant();
        }
        var secrets = await _reads.RunAsync(() => _grains.GetGrain<ITenantWebhookSecretGrain>(tenant).Get(_time.GetUtcNow()), HttpContext.RequestAborted);
        return Ok(ToDto(secrets));
    }

    /// <summary>A new secret; the old one keeps signing beside it for <c>Webhooks:RotationGrace</c> (24 h).</summary>
    [HttpPost("api/v1/webhooks/secret/rotate")]
    [ProducesResponseType<WebhookSecretDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Rotate()
    {
        if (HttpContext.Caller().Tenant is not { } tenant)
        {
            return NoTenant();
        }
        return Ok(ToDto(await _grains.GetGrain<ITenantWebhookSecretGrain>(tenant).Rotate(_time.GetUtcNow(), _grace)));
    }

    private WebhookSecretDto ToDto(TenantWebhookSecrets secrets) =>
        secrets.PreviousUntil is { } until && until > _time.GetUtcNow()
            ? new WebhookSecretDto(secrets.Current, secrets.Previous, until)
            : new WebhookSecretDto(secrets.Current, null, null);

    private static ObjectResult NoTenant() => Problems.Problems.NotFound(
        "no tenant: without a tenant key, deliveries are signed with the service's Webhooks:Secret, kept in its configuration");
}
