namespace AudioMusic.Grains.Webhooks;

/// <summary>A tenant's webhook signing secrets: the current one and, for a grace period after a rotation, the one
/// before it. Deliveries are signed with both while both hold (Standard Webhooks allows several signatures), so a
/// receiver can switch to the new secret without missing a delivery.</summary>
[GenerateSerializer, Immutable]
public sealed record TenantWebhookSecrets(
    [property: Id(0)] string Current,
    [property: Id(1)] string? Previous,
    [property: Id(2)] DateTimeOffset? PreviousUntil)
{
    /// <summary>The secrets a delivery made at <paramref name="at"/> is signed with.</summary>
    public IReadOnlyList<string> SigningAt(DateTimeOffset at) =>
        Previous is { } previous && PreviousUntil is { } until && until > at ? [Current, previous] : [Current];
}

/// <summary>One tenant's webhook signing secrets (key: the tenant), persisted with the jobs. With API keys on, every
/// tenant's deliveries are signed with its own secret, so no tenant can sign as another; <c>Webhooks:Secret</c> stays
/// the secret of the keyless mode.</summary>
public interface ITenantWebhookSecretGrain : IGrainWithStringKey
{
    /// <summary>The tenant's secrets, made on first use.</summary>
    Task<TenantWebhookSecrets> Get(DateTimeOffset now);

    /// <summary>A new current secret; the old one keeps signing until <paramref name="now"/> + <paramref name="grace"/>.</summary>
    Task<TenantWebhookSecrets> Rotate(DateTimeOffset now, TimeSpan grace);
}
