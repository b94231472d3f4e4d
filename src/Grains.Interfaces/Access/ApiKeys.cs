namespace AudioMusic.Grains.Access;

/// <summary>What one key's tenant may do; null means no limit. Limits are per key: a tenant's keys each carry their
/// own, and the job counts they are compared with are the tenant's.</summary>
[GenerateSerializer, Immutable]
public sealed record KeyLimits(
    [property: Id(0)] int? MaxConcurrentJobs,
    [property: Id(1)] int? MaxQueuedJobs,
    [property: Id(2)] int? RequestsPerMinute)
{
    public static readonly KeyLimits None = new(null, null, null);
}

/// <summary>A tenant's API key as stored: the secret itself never is, only its SHA-256 (the secret is 256 random
/// bits, so a fast hash is as good as a slow one and verifying costs microseconds).</summary>
[GenerateSerializer, Immutable]
public sealed record ApiKeyRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Tenant,
    [property: Id(3)] string SecretSha256,
    [property: Id(4)] KeyLimits Limits,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset? ExpiresAt,
    [property: Id(7)] DateTimeOffset? RevokedAt)
{
    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } expires || expires > now);
}

/// <summary>Every API key of the service (one grain, key 0, persisted with the jobs: SQLite one-box, PostgreSQL in a
/// cluster). API hosts read single keys from it and cache them for a few seconds, so verifying a request never touches
/// the database and a revocation reaches every host within that time.</summary>
public interface IApiKeyRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Stores a new key; false when its id is taken.</summary>
    Task<bool> Create(ApiKeyRecord key);

    [Orleans.Concurrency.ReadOnly]
    Task<ApiKeyRecord?> Find(string keyId);

    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<ApiKeyRecord>> List();

    Task<ApiKeyRecord?> SetLimits(string keyId, KeyLimits limits);

    /// <summary>Revokes a key for good (idempotent: the first revocation time stays).</summary>
    Task<ApiKeyRecord?> Revoke(string keyId, DateTimeOffset at);
}
