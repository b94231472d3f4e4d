using AudioMusic.Grains.Access;

namespace AudioMusic.Contracts;

/// <summary>A key's limits on the wire; null is no limit.</summary>
public sealed record KeyLimitsDto(int? MaxConcurrentJobs, int? MaxQueuedJobs, int? RequestsPerMinute, int? MonthlyAudioSeconds);

/// <summary>A key as the admin routes show it: never its secret, except <see cref="CreatedKeyDto.Key"/> once.
/// <c>state</c> is active, expired or revoked.</summary>
public sealed record ApiKeyDto(string Id, string Name, string Tenant, string State, KeyLimitsDto Limits, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);

/// <summary>POST admin/keys: the new key with its secret, which is not stored and cannot be shown again.</summary>
public sealed record CreatedKeyDto(string Id, string Key, string Name, string Tenant, KeyLimitsDto Limits, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

public sealed record ApiKeyListDto(IReadOnlyList<ApiKeyDto> Keys);

/// <summary>GET usage: the tenant's jobs by status, the audio it generated, its key's limits and what is left of them
/// (null: unlimited). <c>audio</c> is null for the whole service (the admin key without a tenant).</summary>
public sealed record UsageDto(string? Tenant, JobCountsDto Jobs, UsageAudioDto? Audio, KeyLimitsDto Limits, UsageLeftDto Left);

/// <summary>Seconds of audio generated in the UTC month <c>month</c> ("yyyy-MM") and in all.</summary>
public sealed record UsageAudioDto(string Month, double MonthSeconds, double TotalSeconds);

public sealed record UsageLeftDto(long? QueuedJobs, long? ConcurrentJobs, double? MonthlyAudioSeconds);

public static class AccessMapper
{
    public static KeyLimitsDto ToDto(KeyLimits limits) => new(limits.MaxConcurrentJobs, limits.MaxQueuedJobs, limits.RequestsPerMinute, limits.MonthlyAudioSeconds);

    public static ApiKeyDto ToDto(ApiKeyRecord key, DateTimeOffset now) => new(key.Id, key.Name, key.Tenant,
        key.RevokedAt is not null ? "revoked" : key.IsUsableAt(now) ? "active" : "expired", ToDto(key.Limits), key.CreatedAt, key.ExpiresAt, key.RevokedAt);
}
