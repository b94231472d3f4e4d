using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace AudioMusic.Api.Tests;

/// <summary>Checks one real answer against the OpenAPI document the host serves: the route and status must be declared,
/// the media type listed for that status, and a JSON body valid against its schema (JSON Schema 2020-12, as OpenAPI 3.1
/// writes it). Answers to paths the document does not describe (unknown routes, /health, /openapi) are not its
/// business.</summary>
public sealed class ContractValidator
{
    private readonly List<(string Method, Regex Path, string Template, JsonObject Operation)> _operations = [];
    private readonly JsonObject _schemas;

    public ContractValidator(string document)
    {
        var root = JsonNode.Parse(document)!.AsObject();
        _schemas = root["components"]?["schemas"]?.AsObject() ?? [];
        foreach (var (template, item) in root["paths"]!.AsObject())
        {
            var pattern = new Regex("^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^/]+") + "$");
            foreach (var (method, operation) in item!.AsObject())
            {
                _operations.Add((method.ToUpperInvariant(), pattern, template, operation!.AsObject()));
            }
        }
    }

    /// <summary>Null when the answer agrees with the document (or the document does not cover the path); otherwise
    /// what disagrees.</summary>
    public string? Check(string method, string path, int status, string? mediaType, string body)
    {
        var matches = _operations.Where(o => o.Path.IsMatch(path)).ToList();
        if (matches.Count == 0)
        {
            return null;
        }
        var (_, _, template, operation) = matches.FirstOrDefault(o => o.Method == method);
        if (operation is null)
        {
            // The path exists but not with this method: the 405 the framework answers is outside the contract.
            return null;
        }
        var what = $"{method} {template} → {status}";
        var responses = operation["responses"]!.AsObject();
        var response = responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses["default"];
        if (response is null)
        {
            return $"{what}: the document declares no {status} for this operation (it declares {string.Join(", ", responses.Select(r => r.Key))})";
        }
        var content = response["content"]?.AsObject();
        if (content is null || content.Count == 0)
        {
            return mediaType is null ? null : $"{what}: the document declares no body, the answer has one ({mediaType})";
        }
        if (mediaType is null || content[mediaType] is not { } declared)
        {
            return $"{what}: answered as {mediaType ?? "no content type"}, the document lists {string.Join(", ", content.Select(c => c.Key))}";
        }
        if (!mediaType.EndsWith("json", StringComparison.Ordinal) || declared["schema"] is not { } schema)
        {
            return null;
        }
        var results = Compile(schema).Evaluate(JsonNode.Parse(body), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return null;
        }
        var errors = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"))
            .Take(8);
        return $"{what}: the body does not match the document's schema: {string.Join("; ", errors)}\n{Shorten(body)}";
    }

    /// <summary>The response's schema with every component beside it under $defs, so its $refs resolve.</summary>
    private JsonSchema Compile(JsonNode schema)
    {
        var wrapper = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = _schemas.DeepClone(),
            ["allOf"] = new JsonArray(schema.DeepClone()),
        };
        var text = wrapper.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        return JsonSchema.FromText(text);
    }

    private static string Shorten(string body) => body.Length <= 600 ? body : body[..600] + "…";
}

/// <summary>Sends every request of a test's client on, and fails the request (so the test) when the answer disagrees
/// with the document.</summary>
public sealed class ContractCheckingHandler(ContractValidator validator) : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        if (!path.StartsWith("/api/", StringComparison.Ordinal))
        {
            return response;
        }
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var isJson = mediaType?.EndsWith("json", StringComparison.Ordinal) == true;
        // Audio is not read here: only its status and type are checked, and streaming tests keep streaming.
        var body = isJson ? await response.Content.ReadAsStringAsync(cancellationToken) : "";
        var problem = validator.Check(request.Method.Method, path, (int)response.StatusCode, mediaType, body);
        if (problem is not null)
        {
            throw new ContractViolationException(problem);
        }
        return response;
    }
}

public sealed class ContractViolationException(string message) : Exception(message);
