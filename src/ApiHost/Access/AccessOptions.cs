namespace AudioMusic.ApiHost.Access;

/// <summary>Who may call the API (configuration section "Auth").</summary>
public enum AuthMode
{
    /// <summary>Every caller may do everything: the one-box default on loopback.</summary>
    None,

    /// <summary>Every /api route wants a key; each key's tenant sees only its own jobs.</summary>
    ApiKeys,
}

/// <summary>Configuration section "Auth".</summary>
public sealed class AccessOptions
{
    /// <summary>Unset means <see cref="AuthMode.None"/> for an embedded host on loopback, and a refusal to start
    /// anywhere else (<see cref="AccessStartupCheck"/>).</summary>
    public AuthMode? Mode { get; set; }

    /// <summary>The operator's key for the admin routes (at least 32 characters), or <see cref="AdminKeyHash"/>.</summary>
    public string? AdminKey { get; set; }

    /// <summary>The SHA-256 of the admin key, as 64 hex digits, so the key itself need not sit in configuration.</summary>
    public string? AdminKeyHash { get; set; }

    /// <summary>How long an API host trusts what it read of a key: the bound on a revocation or a limit change
    /// reaching every host.</summary>
    public TimeSpan KeyCacheTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Failed authentications allowed per client address and minute before it is answered 429 without
    /// looking at its keys.</summary>
    public int FailuresPerMinute { get; set; } = 10;
}
