using System.Globalization;
using System.Threading.RateLimiting;
using AudioMusic.Grains.Access;
using Microsoft.Extensions.Options;

namespace AudioMusic.ApiHost.Access;

/// <summary>Finds the caller of every /api request. With keys on: a key from <c>Authorization: Bearer</c> or
/// <c>X-API-Key</c>, verified against its stored hash (through <see cref="ApiKeyCache"/>) or the admin key; then the
/// key's requests-per-minute. Failed attempts are limited per client address, so keys cannot be guessed at speed.
/// The operators' pages (/metrics, the Orleans Dashboard) want the admin key, as a Bearer token or as the password of
/// HTTP Basic (which a browser asks for and then sends with the dashboard's own requests). Health checks, the OpenAPI
/// document and the reference pages stay open.</summary>
public sealed class AccessMiddleware
{
    /// <summary>Longer than any key this service makes, short enough that a huge header costs nothing to reject.</summary>
    private const int MaxCredentialLength = 256;

    private readonly RequestDelegate _next;
    private readonly AccessOptions _options;
    private readonly AdminKey _admin;
    private readonly ApiKeyCache _keys;
    private readonly KeyRequestWindows _windows;
    private readonly TimeProvider _time;
    private readonly PartitionedRateLimiter<string> _failures;
    private readonly string _dashboardPath;

    public AccessMiddleware(RequestDelegate next, IOptions<AccessOptions> options, AdminKey admin, ApiKeyCache keys, KeyRequestWindows windows, TimeProvider time,
        IConfiguration configuration)
    {
        _next = next;
        _dashboardPath = Operations.OperatorRoutes.DashboardPath(configuration);
        _options = options.Value;
        _admin = admin;
        _keys = keys;
        _windows = windows;
        _time = time;
        var failuresPerMinute = Math.Max(1, _options.FailuresPerMinute);
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = failuresPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var isOperators = path.StartsWithSegments(Operations.OperatorRoutes.MetricsPath) || path.StartsWithSegments(_dashboardPath);
        if (_options.Mode != AuthMode.ApiKeys || !(path.StartsWithSegments("/api") || isOperators))
        {
            context.SetCaller(Caller.Open);
            await _next(context);
            return;
        }
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (_failures.GetStatistics(address) is { CurrentAvailablePermits: 0 })
        {
            context.Response.Headers.RetryAfter = "60";
            await AccessProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "/problems/too-many-failures",
                "Too many failed authentications.", "This address sent too many invalid keys; retry in a minute.");
            return;
        }
        var (presented, malformed) = ReadCredential(context.Request, allowBasic: isOperators);
        if (presented is null && !malformed)
        {
            await AccessProblems.UnauthorizedAsync(context, "Send a key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.", basic: isOperators);
            return;
        }
        var caller = malformed ? null : await AuthenticateAsync(presented!, context.RequestAborted);
        if (caller is null)
        {
            _failures.AttemptAcquire(address).Dispose();
            // One answer for unknown, revoked, expired and malformed keys: a guess learns nothing.
            await AccessProblems.UnauthorizedAsync(context, "The API key is not valid.", basic: isOperators);
            return;
        }
        if (isOperators && !caller.IsAdmin)
        {
            await AccessProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "/problems/forbidden", "Only the admin key may do this.",
                "The operators' pages (metrics, dashboard) take the admin key.");
            return;
        }
        if (caller.Limits.RequestsPerMinute is { } perMinute && caller.Key is { } key)
        {
            var (allowed, remaining, reset) = await _windows.TakeAsync(key.Id, perMinute, context.RequestAborted);
            // draft-ietf-httpapi-ratelimit-headers: the policy (quota q per window w seconds) and what is left of it.
            context.Response.Headers["RateLimit-Policy"] = string.Create(CultureInfo.InvariantCulture, $"\"per-key\";q={perMinute};w=60");
            context.Response.Headers["RateLimit"] = string.Create(CultureInfo.InvariantCulture, $"\"per-key\";r={remaining};t={reset}");
            if (!allowed)
            {
                context.Response.Headers.RetryAfter = reset.ToString(CultureInfo.InvariantCulture);
                await AccessProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "/problems/rate-limited",
                    "Too many requests.", string.Create(CultureInfo.InvariantCulture, $"This key allows {perMinute} requests a minute; retry in {reset} s."));
                return;
            }
        }
        context.SetCaller(caller);
        await _next(context);
    }

    private async Task<Caller?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (_admin.Matches(presented))
        {
            return Caller.Admin;
        }
        if (!ApiKeyFormat.TryGetId(presented, out var id) || await _keys.FindAsync(id, cancellationToken) is not { } key)
        {
            return null;
        }
        return ApiKeyFormat.Matches(presented, key.SecretSha256) && key.IsUsableAt(_time.GetUtcNow()) ? new Caller(key.Tenant, false, key) : null;
    }

    /// <summary>The key from the Bearer header or X-API-Key (or, on the operators' pages, the password of HTTP Basic);
    /// malformed when present but not a printable-ASCII token of sane length.</summary>
    private static (string? Key, bool Malformed) ReadCredential(HttpRequest request, bool allowBasic)
    {
        string? value = null;
        if (request.Headers.Authorization is { Count: > 0 } authorization)
        {
            var text = authorization.ToString();
            if (authorization.Count == 1 && text.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                value = text[7..].Trim();
            }
            else if (authorization.Count == 1 && allowBasic && text.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                value = BasicPassword(text[6..].Trim());
            }
            if (value is null)
            {
                return (null, true);
            }
        }
        else if (request.Headers["X-API-Key"] is { Count: > 0 } header)
        {
            if (header.Count > 1)
            {
                return (null, true);
            }
            value = header.ToString().Trim();
        }
        if (value is null)
        {
            return (null, false);
        }
        var wellFormed = value.Length is > 0 and <= MaxCredentialLength && value.All(c => c is > ' ' and <= '~');
        return wellFormed ? (value, false) : (null, true);
    }

    /// <summary>The password of <c>Basic base64(user:password)</c>; the user name is not looked at.</summary>
    private static string? BasicPassword(string encoded)
    {
        if (encoded.Length > 4 * MaxCredentialLength)
        {
            return null;
        }
        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var written))
        {
            return null;
        }
        var text = System.Text.Encoding.UTF8.GetString(bytes, 0, written);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : text[(colon + 1)..];
    }
}
