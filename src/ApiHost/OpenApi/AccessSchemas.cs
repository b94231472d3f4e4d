using System.Globalization;
using AudioMusic.ApiHost.Access;
using Microsoft.OpenApi;

namespace AudioMusic.ApiHost.OpenApi;

/// <summary>The bodies of the admin key routes, with the rules <see cref="KeyFields"/> enforces.</summary>
public static class AccessSchemas
{
    public static OpenApiSchema CreateKey()
    {
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["name"] = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = KeyFields.MaxNameLength, Description = "What the key is for (no control characters)." },
            ["tenant"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String | JsonSchemaType.Null,
                MaxLength = KeyFields.MaxTenantLength,
                Pattern = "^[A-Za-z0-9._-]+$",
                Description = "The tenant whose jobs the key sees (not 'anonymous'); omitted, a new tenant.",
            },
            ["expires_at"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "date-time", Description = "When the key stops working (RFC 3339, in the future)." },
        };
        foreach (var (name, schema) in Limits())
        {
            properties[name] = schema;
        }
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "name" },
            AdditionalPropertiesAllowed = false,
            Properties = properties,
        };
    }

    public static OpenApiSchema KeyLimits() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "At least one limit; those sent replace the key's, null removes one.",
        MinProperties = 1,
        AdditionalPropertiesAllowed = false,
        Properties = Limits(),
    };

    private static Dictionary<string, IOpenApiSchema> Limits() => new(StringComparer.Ordinal)
    {
        ["max_concurrent_jobs"] = Limit("The tenant's unfinished jobs (pending and running) at once."),
        ["max_queued_jobs"] = Limit("The tenant's pending jobs at once."),
        ["requests_per_minute"] = Limit("Requests this key may make in each clock minute, across every API host."),
        ["monthly_audio_seconds"] = Limit("Seconds of audio the tenant may generate in a UTC calendar month; submits stop once it is reached."),
    };

    private static OpenApiSchema Limit(string description) => new()
    {
        Type = JsonSchemaType.Integer | JsonSchemaType.Null,
        Minimum = "1",
        Maximum = KeyFields.MaxLimit.ToString(CultureInfo.InvariantCulture),
        Description = description + " Null or omitted: no limit.",
    };
}
