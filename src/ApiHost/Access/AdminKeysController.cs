using System.Text.Json;
using AudioMusic.ApiHost.Resilience;
using AudioMusic.Contracts;
using AudioMusic.Grains.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AudioMusic.ApiHost.Access;

/// <summary>The admin key's routes for tenant keys: create (the secret is shown once), list, read, change limits, revoke.
/// A tenant's key gets 403 here; with keys off (<c>Auth:Mode=None</c>) there are no keys to manage: 404.</summary>
[ApiController]
[Route("api/v1/admin/keys")]
public sealed class AdminKeysController : ControllerBase
{
    private readonly IGrainFactory _grains;
    private readonly ClusterReads _reads;
    private readonly ApiKeyCache _cache;
    private readonly TimeProvider _time;
    private readonly AccessOptions _options;

    public AdminKeysController(IGrainFactory grains, ClusterReads reads, ApiKeyCache cache, TimeProvider time, IOptions<AccessOptions> options)
    {
        _grains = grains;
        _reads = reads;
        _cache = cache;
        _time = time;
        _options = options.Value;
    }

    private IApiKeyRegistryGrain Registry => _grains.GetGrain<IApiKeyRegistryGrain>(0);

    /// <summary>Makes a key for a tenant (a new tenant unless one is named); the answer carries the key's secret, once.</summary>
    [HttpPost]
    [ProducesResponseType<CreatedKeyDto>(StatusCodes.Status201Created)]
    [RequestSizeLimit(Controllers.ApiLimits.MaxRequestBodyBytes)]
    public async Task<IActionResult> Create([FromBody] JsonElement body)
    {
        if (Refusal() is { } refused)
        {
            return refused;
        }
        var now = _time.GetUtcNow();
        var (request, errors) = KeyFields.ReadCreate(body, now);
        if (request is null)
        {
            return Problems.Problems.Validation(errors);
        }
        var tenant = request.Tenant ?? "t_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
        while (true)
        {
            var (id, key) = ApiKeyFormat.NewKey();
            var record = new ApiKeyRecord(id, request.Name, tenant, ApiKeyFormat.Sha256Hex(key), request.Limits, now, request.ExpiresAt, null);
            // 64-bit ids meet only by a miracle; if one ever does, draw again rather than overwrite.
            if (await Registry.Create(record))
            {
                _cache.Forget(id);
                Response.Headers.Location = $"/api/v1/admin/keys/{id}";
                return StatusCode(StatusCodes.Status201Created,
                    new CreatedKeyDto(id, key, record.Name, tenant, AccessMapper.ToDto(record.Limits), now, record.ExpiresAt));
            }
        }
    }

    /// <summary>Every key, without secrets.</summary>
    [HttpGet]
    [ProducesResponseType<ApiKeyListDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List()
    {
        if (Refusal() is { } refused)
        {
            return refused;
        }
        var keys = await _reads.RunAsync(() => Registry.List(), HttpContext.RequestAborted);
        var now = _time.GetUtcNow();
        return Ok(new ApiKeyListDto([.. keys.Select(k => AccessMapper.ToDto(k, now))]));
    }

    [HttpGet("{id}")]
    [ProducesResponseType<ApiKeyDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(string id)
    {
        if (Refusal() is { } refused)
        {
            return refused;
        }
        var key = await _reads.RunAsync(() => Registry.Find(id), HttpContext.RequestAborted);
        return key is null ? KeyNotFound(id) : Ok(AccessMapper.ToDto(key, _time.GetUtcNow()));
    }

    /// <summary>Changes a key's limits: those sent replace the key's (null removes a limit). Every host applies the
    /// change within <c>Auth:KeyCacheTtl</c> (5 s).</summary>
    [HttpPatch("{id}")]
    [ProducesResponseType<ApiKeyDto>(StatusCodes.Status200OK)]
    [Consumes("application/json", "application/merge-patch+json")]
    [RequestSizeLimit(Controllers.ApiLimits.MaxRequestBodyBytes)]
    public async Task<IActionResult> Patch(string id, [FromBody] JsonElement body)
    {
        if (Refusal() is { } refused)
        {
            return refused;
        }
        if (await Registry.Find(id) is not { } current)
        {
            return KeyNotFound(id);
        }
        var (limits, errors) = KeyFields.ReadLimitsPatch(body, current.Limits);
        if (limits is null)
        {
            return Problems.Problems.Validation(errors);
        }
        var changed = await Registry.SetLimits(id, limits);
        _cache.Forget(id);
        return changed is null ? KeyNotFound(id) : Ok(AccessMapper.ToDto(changed, _time.GetUtcNow()));
    }

    /// <summary>Revokes a key for good; every host refuses it within <c>Auth:KeyCacheTtl</c> (5 s). Idempotent.</summary>
    [HttpDelete("{id}")]
    [ProducesResponseType<ApiKeyDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Revoke(string id)
    {
        if (Refusal() is { } refused)
        {
            return refused;
        }
        var revoked = await Registry.Revoke(id, _time.GetUtcNow());
        _cache.Forget(id);
        return revoked is null ? KeyNotFound(id) : Ok(AccessMapper.ToDto(revoked, _time.GetUtcNow()));
    }

    private ObjectResult? Refusal() =>
        _options.Mode != AuthMode.ApiKeys
            ? Problems.Problems.NotFound("API keys are off on this service (Auth:Mode=None): there are none to manage")
            : HttpContext.Caller().IsAdmin
                ? null
                : Problems.Problems.Status(StatusCodes.Status403Forbidden, "/problems/forbidden", "Only the admin key may do this.",
                    "Tenant keys cannot manage keys; use the key set in Auth:AdminKey.");

    private static ObjectResult KeyNotFound(string id) => Problems.Problems.NotFound($"no API key with id '{(id.Length > 64 ? id[..64] + "…" : id)}'");
}
