using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AudioMusic.ApiHost.OpenApi;

/// <summary>What API keys add to the document: the two ways to send a key, on every /api operation (optional, since a
/// service may run with <c>Auth:Mode=None</c>), the 401 and 429 every such operation can answer with keys on, and the
/// bodies of the admin key routes.</summary>
public sealed class AccessContract : IOpenApiDocumentTransformer
{
    public const string Bearer = "bearer";
    public const string HeaderKey = "apiKey";
    public const string CreateKeyRequest = "CreateKeyRequest";
    public const string KeyLimitsRequest = "KeyLimitsRequest";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
        {
            [Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Authorization: Bearer <key>, with Auth:Mode=ApiKeys (docs/security.md).",
            },
            [HeaderKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-API-Key",
                Description = "The same key in an X-API-Key header.",
            },
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        document.Components.Schemas[CreateKeyRequest] = AccessSchemas.CreateKey();
        document.Components.Schemas[KeyLimitsRequest] = AccessSchemas.KeyLimits();
        foreach (var (path, item) in document.Paths)
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var (_, operation) in item.Operations ?? [])
            {
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderKey, document)] = [] },
                    // Keys off: no key at all.
                    new OpenApiSecurityRequirement(),
                ];
                operation.Responses ??= new OpenApiResponses();
                operation.Responses["401"] = ContractTransformer.ProblemResponse(document, 401);
                operation.Responses["429"] = ContractTransformer.ProblemResponse(document, 429);
                var body = operation.OperationId switch
                {
                    "CreateApiKey" => CreateKeyRequest,
                    "ChangeApiKeyLimits" => KeyLimitsRequest,
                    _ => null,
                };
                if (body is not null)
                {
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                        {
                            ["application/json"] = new() { Schema = new OpenApiSchemaReference(body, document) },
                        },
                    };
                }
            }
        }
        return Task.CompletedTask;
    }
}
