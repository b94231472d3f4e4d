using System.Globalization;
using System.Text.Json.Nodes;
using AudioMusic.Domain;
using AudioMusic.Grains.Events;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AudioMusic.ApiHost.OpenApi;

/// <summary>Makes the generated document say what the API does on the wire: the generation routes' bodies from
/// <see cref="RequestSchemas"/>, operation ids and tags from <see cref="RouteContracts"/>, every problem answer with
/// the RFC 7807 schema and its headers, audio as binary with its range headers, JSON answers as JSON only, and every
/// property of a response required (the API writes null rather than leaving a field out).</summary>
public sealed class ContractTransformer : IOpenApiDocumentTransformer
{
    public const string ProblemSchema = "Problem";
    public const string RenameRequest = "RenameRequest";
    private const string ProblemMediaType = "application/problem+json";

    private static readonly string[] AudioMediaTypes = [.. Enum.GetValues<AudioFormat>().Select(f => f.ContentType()).Distinct()];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "AudioMusic V2 API";
        document.Info.Version = "v2";
        document.Info.Contact = new OpenApiContact { Name = "AudioMusic maintainers (see README.md)" };
        document.Info.Description =
            "Text-to-music generation on an Orleans cluster. Every field's rules are here and in docs/api.md; errors are " +
            "RFC 7807 problem documents that name each wrong field under `errors`.";
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        document.Components.Schemas[ProblemSchema] = Problem();
        foreach (var task in Enum.GetValues<MusicTask>())
        {
            document.Components.Schemas[RequestSchemas.ComponentName(task)] = RequestSchemas.For(task);
        }
        document.Components.Schemas[RenameRequest] = RequestSchemas.Rename();
        // The raw bodies the controllers read are described by the schemas above, not as "any JSON".
        document.Components.Schemas.Remove("JsonElement");
        DeclareWireEnums(document.Components.Schemas);
        MarkResponsePropertiesRequired(document.Components.Schemas);

        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = RouteContracts.Generation, Description = "Submit a job: each route answers 202 with the job to follow." },
            new() { Name = RouteContracts.Jobs, Description = "Read, list, follow (Server-Sent Events), rename, cancel, delete and retry jobs." },
            new() { Name = RouteContracts.Outputs, Description = "A finished job's audio in any format, its stems, waveform and timed lyrics." },
            new() { Name = RouteContracts.Catalog, Description = "Genre presets, engines, devices and the queue." },
            new() { Name = RouteContracts.Access, Description = "API keys (the admin key's routes) and each tenant's usage." },
        };
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                if (RouteContracts.Find(method.Method, path) is { } contract)
                {
                    Apply(document, contract, operation);
                }
            }
        }
        return Task.CompletedTask;
    }

    private static void Apply(OpenApiDocument document, RouteContract contract, OpenApiOperation operation)
    {
        operation.OperationId = contract.OperationId;
        operation.Description = contract.Description;
        operation.Tags = new HashSet<OpenApiTagReference> { new(contract.Tag, document) };
        operation.Responses ??= new OpenApiResponses();
        var body = contract.Task is { } task ? RequestSchemas.ComponentName(task)
            : contract.OperationId == "PlanSimpleSong" ? RequestSchemas.ComponentName(MusicTask.Simple)
            : contract.OperationId == "RenameJob" ? RenameRequest
            : null;
        if (body is not null)
        {
            var mediaTypes = contract.OperationId == "RenameJob" ? new[] { "application/json", "application/merge-patch+json" } : ["application/json"];
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = mediaTypes.ToDictionary(t => t, _ => new OpenApiMediaType { Schema = new OpenApiSchemaReference(body, document) }, StringComparer.Ordinal),
            };
        }
        foreach (var (status, response) in operation.Responses)
        {
            if (response is OpenApiResponse concrete)
            {
                KeepJsonOnly(concrete);
                AddSuccessHeaders(contract, status, concrete);
            }
        }
        if (contract.OperationId is "DownloadAudio" or "DownloadStem")
        {
            operation.Responses["200"] = Audio("The audio, whole.", partial: false);
            operation.Responses["206"] = Audio("The requested byte range of the audio.", partial: true);
        }
        if (contract.OperationId == "GetLyrics" && operation.Responses.TryGetValue("200", out var lyrics) && lyrics is OpenApiResponse lrc)
        {
            lrc.Content ??= new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
            lrc.Content["text/plain"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "LRC lines: [mm:ss.xx]text" } };
        }
        foreach (var status in contract.ProblemStatuses)
        {
            operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = ProblemResponse(document, status);
        }
    }

    /// <summary>MVC lists text/plain and text/json beside application/json for object results; the API only writes JSON.</summary>
    private static void KeepJsonOnly(OpenApiResponse response)
    {
        if (response.Content is { } content && content.ContainsKey("application/json"))
        {
            foreach (var type in content.Keys.Where(k => k != "application/json").ToList())
            {
                content.Remove(type);
            }
        }
    }

    private static void AddSuccessHeaders(RouteContract contract, string status, OpenApiResponse response)
    {
        if (status == "202" && contract.Task is not null)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
            response.Headers["Location"] = Header("The job's status URL.");
        }
    }

    private static OpenApiResponse Audio(string description, bool partial)
    {
        var headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
        {
            ["ETag"] = Header("The file's version; send it back in If-None-Match or If-Range."),
            ["Accept-Ranges"] = Header("Always 'bytes'."),
            ["Content-Disposition"] = Header("attachment, with the file name (filename* in UTF-8 and an ASCII stand-in)."),
        };
        if (partial)
        {
            headers["Content-Range"] = Header("bytes first-last/length");
        }
        return new OpenApiResponse
        {
            Description = description,
            Headers = headers,
            Content = AudioMediaTypes.ToDictionary(t => t, _ => new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
            }, StringComparer.Ordinal),
        };
    }

    internal static OpenApiResponse ProblemResponse(OpenApiDocument document, int status)
    {
        var response = new OpenApiResponse
        {
            Description = ProblemDescriptions.For(status),
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                [ProblemMediaType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
            },
        };
        if (status is 429 or 503)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before trying again.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            };
        }
        return response;
    }

    private static OpenApiHeader Header(string description) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };

    /// <summary>RFC 7807 with this API's extension: <c>errors</c>, each wrong field's messages.</summary>
    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 7807 problem document. `type` is a stable identifier such as /problems/validation (docs/api.md lists them all).",
        Required = new HashSet<string> { "type", "title", "status" },
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Examples = [JsonValue.Create("/problems/validation")] },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Each wrong field (as the client named it; 'body' for the body as a whole) and what is wrong with it.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace id, on server errors." },
        },
    };

    /// <summary>Status and task are strings on the wire with a fixed set of values; say which.</summary>
    private static void DeclareWireEnums(IDictionary<string, IOpenApiSchema> schemas)
    {
        var statuses = Enum.GetValues<JobStatus>().Select(s => (JsonNode)JsonValue.Create(s.ToWire())!).ToList();
        var tasks = MusicTaskNames.All.Select(t => (JsonNode)JsonValue.Create(t)!).ToList();
        var events = JobEventTypes.All.Select(t => (JsonNode)JsonValue.Create(t)!).ToList();
        foreach (var (schema, property, values) in new[]
                 {
                     ("JobDto", "status", statuses), ("JobDto", "task", tasks), ("RequestDto", "task", tasks),
                     ("JobEventDto", "type", events), ("JobEventDto", "status", statuses),
                     ("FeedEventDto", "type", events), ("FeedEventDto", "status", statuses),
                 })
        {
            if (schemas.TryGetValue(schema, out var found) && found.Properties is { } properties
                && properties.TryGetValue(property, out var candidate) && candidate is OpenApiSchema target)
            {
                target.Enum = values;
            }
        }
    }

    /// <summary>The API writes every property of its answers, null included, so each is required (nullable ones say
    /// so in their type). The request and problem schemas keep their own rules.</summary>
    private static void MarkResponsePropertiesRequired(IDictionary<string, IOpenApiSchema> schemas)
    {
        foreach (var (name, schema) in schemas)
        {
            if (name == ProblemSchema || name.EndsWith("Request", StringComparison.Ordinal) || schema is not OpenApiSchema { Properties.Count: > 0 } concrete)
            {
                continue;
            }
            concrete.Required = new HashSet<string>(concrete.Properties!.Keys, StringComparer.Ordinal);
        }
    }
}
