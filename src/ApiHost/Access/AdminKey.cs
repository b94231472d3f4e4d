using AudioMusic.Grains.Access;
using Microsoft.Extensions.Options;

namespace AudioMusic.ApiHost.Access;

/// <summary>The operator's key (<c>Auth:AdminKey</c>, or only its hash in <c>Auth:AdminKeyHash</c>): it manages tenant
/// keys, reads any tenant's usage and sees every job.</summary>
public sealed class AdminKey
{
    public const int MinLength = 32;

    private readonly string? _sha256;

    public AdminKey(IOptions<AccessOptions> options)
    {
        var o = options.Value;
        _sha256 = !string.IsNullOrEmpty(o.AdminKeyHash) ? o.AdminKeyHash.Trim().ToLowerInvariant()
            : !string.IsNullOrEmpty(o.AdminKey) ? ApiKeyFormat.Sha256Hex(o.AdminKey) : null;
    }

    public bool IsConfigured => _sha256 is not null;

    public bool Matches(string presented) => _sha256 is not null && ApiKeyFormat.Matches(presented, _sha256);

    /// <summary>Why the configured admin key cannot be used, or null.</summary>
    public static string? Problem(AccessOptions options) =>
        !string.IsNullOrEmpty(options.AdminKeyHash)
            ? options.AdminKeyHash.Trim().Length == 64 && options.AdminKeyHash.Trim().All(Uri.IsHexDigit) ? null : "Auth:AdminKeyHash must be 64 hex digits (a SHA-256)"
            : options.AdminKey is { Length: > 0 and < MinLength } ? $"Auth:AdminKey must be at least {MinLength} characters" : null;
}
