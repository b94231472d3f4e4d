using System.Globalization;
using System.Text.Json;
using AudioMusic.ApiHost.Json;
using AudioMusic.Domain;
using AudioMusic.Grains.Access;

namespace AudioMusic.ApiHost.Access;

/// <summary>Reads and checks the bodies of the admin key routes; every error names its field.</summary>
public static class KeyFields
{
    public const int MaxNameLength = 100;
    public const int MaxTenantLength = 64;
    public const int MaxLimit = 1_000_000;

    private static readonly string[] LimitNames = ["max_concurrent_jobs", "max_queued_jobs", "requests_per_minute", "monthly_audio_seconds"];
    private static readonly string[] CreateNames = ["name", "tenant", "expires_at", .. LimitNames];

    public sealed record NewKey(string Name, string? Tenant, KeyLimits Limits, DateTimeOffset? ExpiresAt);

    public static (NewKey? Key, List<FieldError> Errors) ReadCreate(JsonElement body, DateTimeOffset now)
    {
        var errors = Unknown(body, CreateNames);
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, errors);
        }
        var reader = new GenerationInputReader.FieldReader(body, errors);
        var name = reader.String("name")?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(new FieldError("name", "is required"));
        }
        else if (name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            errors.Add(new FieldError("name", $"must be at most {MaxNameLength} characters, none of them control characters"));
        }
        var tenant = reader.String("tenant");
        if (tenant is not null && !IsTenant(tenant))
        {
            errors.Add(new FieldError("tenant", $"must be 1–{MaxTenantLength} letters, digits, '.', '_' or '-', and not 'anonymous'"));
        }
        DateTimeOffset? expires = null;
        if (reader.String("expires_at") is { } text)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) || !text.Contains('T', StringComparison.Ordinal))
            {
                errors.Add(new FieldError("expires_at", "must be an RFC 3339 date and time, e.g. 2027-01-31T00:00:00Z"));
            }
            else if (parsed <= now)
            {
                errors.Add(new FieldError("expires_at", "must be in the future"));
            }
            else
            {
                expires = parsed;
            }
        }
        var limits = ReadLimits(body, reader, errors, KeyLimits.None);
        return errors.Count == 0 ? (new NewKey(name!, tenant, limits, expires), errors) : (null, errors);
    }

    /// <summary>PATCH: the limits sent replace the key's (null removes one); the others stay.</summary>
    public static (KeyLimits? Limits, List<FieldError> Errors) ReadLimitsPatch(JsonElement body, KeyLimits current)
    {
        var errors = Unknown(body, LimitNames);
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, errors);
        }
        if (!LimitNames.Any(n => body.TryGetProperty(n, out _)))
        {
            errors.Add(new FieldError("body", $"send at least one of {string.Join(", ", LimitNames)}"));
        }
        var limits = ReadLimits(body, new GenerationInputReader.FieldReader(body, errors), errors, current);
        return errors.Count == 0 ? (limits, errors) : (null, errors);
    }

    public static bool IsTenant(string tenant) =>
        tenant.Length is > 0 and <= MaxTenantLength && tenant != "anonymous" && tenant.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static KeyLimits ReadLimits(JsonElement body, GenerationInputReader.FieldReader reader, List<FieldError> errors, KeyLimits current) => new(
        Limit(body, reader, errors, "max_concurrent_jobs", current.MaxConcurrentJobs),
        Limit(body, reader, errors, "max_queued_jobs", current.MaxQueuedJobs),
        Limit(body, reader, errors, "requests_per_minute", current.RequestsPerMinute),
        Limit(body, reader, errors, "monthly_audio_seconds", current.MonthlyAudioSeconds));

    private static int? Limit(JsonElement body, GenerationInputReader.FieldReader reader, List<FieldError> errors, string name, int? current)
    {
        if (!body.TryGetProperty(name, out var sent))
        {
            return current;
        }
        if (sent.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        var value = reader.Int(name);
        if (value is < 1 or > MaxLimit)
        {
            errors.Add(new FieldError(name, $"must be an integer from 1 to {MaxLimit}, or null for no limit"));
            return null;
        }
        return value;
    }

    private static List<FieldError> Unknown(JsonElement body, string[] known) => body.ValueKind != JsonValueKind.Object
        ? [new FieldError("body", "must be a JSON object")]
        : [.. body.EnumerateObject().Where(p => !known.Contains(p.Name)).Select(p => new FieldError(p.Name, "is not a field of this request"))];
}
