using AudioMusic.Grains.Access;

namespace AudioMusic.ApiHost.Access;

/// <summary>Who is calling, as the access middleware found out. <see cref="Tenant"/> null means every job is visible:
/// the keyless mode and the admin key.</summary>
public sealed record Caller(string? Tenant, bool IsAdmin, ApiKeyRecord? Key)
{
    /// <summary>Any caller when keys are off.</summary>
    public static readonly Caller Open = new(null, false, null);

    public static readonly Caller Admin = new(null, true, null);

    public KeyLimits Limits => Key?.Limits ?? KeyLimits.None;

    /// <summary>Whether a job of this owner exists for this caller; another tenant's job must look exactly like no job.</summary>
    public bool CanSee(string? owner) => Tenant is null || string.Equals(owner, Tenant, StringComparison.Ordinal);

    /// <summary>The scope of this caller's Idempotency-Keys.</summary>
    public string IdempotencyScope => Tenant ?? "anonymous";
}

public static class CallerExtensions
{
    private static readonly object ItemKey = new();

    public static void SetCaller(this HttpContext context, Caller caller) => context.Items[ItemKey] = caller;

    /// <summary>The caller of an /api request (the access middleware ran first), or <see cref="Caller.Open"/>.</summary>
    public static Caller Caller(this HttpContext context) => context.Items.TryGetValue(ItemKey, out var caller) ? (Caller)caller! : Access.Caller.Open;
}
