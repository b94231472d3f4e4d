namespace AudioMusic.Grains.Access;

/// <summary>What one key's tenant may do; null means no limit. Limits are per key: a tenant's keys each carry their
/// own, and the job counts they are compared with are the tenant's.</summary>
[GenerateSerializer, Immutable]
public sealed record KeyLimits(
    [property: Id(0)] int? MaxConcurrentJobs,
    [property: Id(1)] int? MaxQueuedJobs,
    [property: Id(2)] int? RequestsPerMinute,
    [property: Id(3)] int? MonthlyAudioSeconds = null)
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

/// <summary>Audio a tenant has generated: this month (UTC) and in all.</summary>
[GenerateSerializer, Immutable]
public sealed record TenantAudio([property: Id(0)] string Month, [property: Id(1)] double MonthSeconds, [property: Id(2)] double TotalSeconds);

/// <summary>One tenant's audio seconds, by month (key: the tenant; jobs made with keys off count as "anonymous").
/// Persisted with the jobs. A completed job adds its seconds once, after its completion is stored.</summary>
public interface ITenantUsageGrain : IGrainWithStringKey
{
    Task Add(string jobId, DateTimeOffset completedAt, double seconds);

    [Orleans.Concurrency.ReadOnly]
    Task<TenantAudio> Get(DateTimeOffset now);
}

/// <summary>One key's requests in the current clock minute, counted across every API host (key: the key's id).</summary>
public interface IKeyRateGrain : IGrainWithStringKey
{
    /// <summary>Counts one request of the minute <paramref name="minute"/> (Unix minutes) against
    /// <paramref name="perMinute"/>: whether it is allowed and how many are left.</summary>
    Task<RateDecision> Take(long minute, int perMinute);
}

[GenerateSerializer, Immutable]
public sealed record RateDecision([property: Id(0)] bool Allowed, [property: Id(1)] int Remaining);
