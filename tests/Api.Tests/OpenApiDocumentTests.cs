using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AudioMusic.ApiHost.Json;
using AudioMusic.ApiHost.OpenApi;
using AudioMusic.Domain;
using AudioMusic.TestSupport;

namespace AudioMusic.Api.Tests;

/// <summary>The served OpenAPI document, read as a client generator would: every route with an operation id and a tag,
/// request bodies whose limits are the validator's own, problem answers for every error status, snake_case answers,
/// and agreement with docs/api.md in both directions.</summary>
public sealed partial class OpenApiDocumentTests : IAsyncLifetime
{
    private ApiServer _server = null!;
    private JsonObject _document = null!;

    public async Task InitializeAsync()
    {
        _server = await ApiServer.StartAsync();
        _document = JsonNode.Parse(await _server.Client.GetStringAsync("/openapi/v1.json"))!.AsObject();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IEnumerable<(string Path, string Method, JsonObject Operation)> Operations =>
        _document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(m => (p.Key, m.Key.ToUpperInvariant(), m.Value!.AsObject())));

    private JsonObject Schema(string name) => _document["components"]!["schemas"]![name]!.AsObject();

    [Fact]
    public void Every_route_is_in_the_table_with_a_unique_operation_id_and_a_tag()
    {
        var operations = Operations.ToList();
        Assert.Equal(RouteContracts.All.Count, operations.Count);
        foreach (var contract in RouteContracts.All)
        {
            var (_, _, operation) = Assert.Single(operations, o => o.Path == contract.Path && o.Method == contract.Method);
            Assert.Equal(contract.OperationId, operation["operationId"]!.GetValue<string>());
            Assert.Equal(contract.Tag, Assert.Single(operation["tags"]!.AsArray())!.GetValue<string>());
        }
        Assert.Equal(operations.Count, operations.Select(o => o.Operation["operationId"]!.GetValue<string>()).Distinct().Count());
        Assert.All(_document["servers"]?.AsArray() ?? [], s => Assert.False(s!["url"]!.GetValue<string>().EndsWith('/')));
    }

    [Fact]
    public void Every_error_status_is_a_problem_document_and_waits_say_how_long()
    {
        foreach (var (path, method, operation) in Operations)
        {
            foreach (var (status, response) in operation["responses"]!.AsObject())
            {
                if (int.Parse(status, CultureInfo.InvariantCulture) < 400)
                {
                    continue;
                }
                var content = response!["content"]!.AsObject();
                Assert.True(content.ContainsKey("application/problem+json"), $"{method} {path} {status}");
                if (status is "429" or "503")
                {
                    Assert.NotNull(response["headers"]?["Retry-After"]);
                }
            }
        }
        var problem = Schema(ContractTransformer.ProblemSchema);
        Assert.NotNull(problem["properties"]!["errors"]);
    }

    [Fact]
    public void Request_bodies_take_the_validators_limits_and_refuse_unknown_fields()
    {
        foreach (var task in Enum.GetValues<MusicTask>())
        {
            var body = Schema(RequestSchemas.ComponentName(task));
            Assert.False(body["additionalProperties"]!.GetValue<bool>());
            var properties = body["properties"]!.AsObject();
            Assert.All(properties, p => Assert.Contains(p.Key, GenerationInputReader.KnownFields));
            Assert.Equal(RequestLimits.MaxBatchSize, properties["batch_size"]!["maximum"]!.GetValue<int>());
            Assert.Equal([.. AudioFormatNames.All, null], properties["format"]!["enum"]!.AsArray().Select(f => f?.GetValue<string>()));
            Assert.Equal(RequestLimits.DisplayNameMaxLength, properties["display_name"]!["maxLength"]!.GetValue<int>());
            var duration = properties["duration"]!;
            Assert.Equal(task == MusicTask.Text2Samples ? RequestLimits.MaxSampleDurationSeconds : RequestLimits.MaxDurationSeconds,
                duration["maximum"]!.GetValue<double>());
            Assert.Equal(task == MusicTask.Text2Samples ? RequestLimits.MinSampleDurationSeconds : RequestLimits.MinDurationSeconds,
                duration["not"]!["exclusiveMaximum"]!.GetValue<double>());
        }
        var text2music = Schema("Text2MusicRequest")["properties"]!.AsObject();
        Assert.Equal(RequestLimits.CaptionMaxLength, text2music["caption"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(RequestLimits.LyricsMaxLength, text2music["lyrics"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(RequestLimits.MaxBpm, text2music["bpm"]!["maximum"]!.GetValue<int>());
        Assert.Null(text2music["query"]);
        Assert.Null(text2music["sample_type"]);
        Assert.NotNull(Schema("Text2SamplesRequest")["properties"]!["sample_type"]);
        Assert.Contains("query", Schema("SimpleRequest")["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        // Every field the reader knows is taken by at least one route.
        var taken = Enum.GetValues<MusicTask>().SelectMany(t => Schema(RequestSchemas.ComponentName(t))["properties"]!.AsObject().Select(p => p.Key)).ToHashSet();
        Assert.All(GenerationInputReader.KnownFields, f => Assert.Contains(f, taken));
    }

    [Fact]
    public void Answers_are_declared_in_snake_case_with_every_field_present()
    {
        var job = Schema("JobDto");
        var properties = job["properties"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("queue_position", properties);
        Assert.Contains("audio_expired_reason", properties);
        Assert.All(properties, p => Assert.Matches("^[a-z0-9_]+$", p));
        Assert.Equal(properties.Order(), job["required"]!.AsArray().Select(r => r!.GetValue<string>()).Order());
        Assert.Contains("null", job["properties"]!["queue_position"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public void Docs_and_document_name_the_same_routes_and_fields()
    {
        var api = File.ReadAllText(Path.Combine(Checkout.Root, "docs", "api.md"));
        var documented = RouteInDocs().Matches(api)
            .Select(m => (Method: m.Groups[1].Value, Path: m.Groups[2].Value.StartsWith('/') ? m.Groups[2].Value : "/api/v1/music/" + m.Groups[2].Value))
            .Select(r => (r.Method, Path: r.Path.Split('?')[0]))
            .Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal))
            .ToHashSet();
        var served = Operations.Select(o => (o.Method, o.Path)).ToHashSet();
        Assert.Empty(documented.Except(served));
        // The short status path is documented beside the long one, in the same table row.
        Assert.Equal([("GET", "/api/v1/jobs/{id}/status")], served.Except(documented));
        Assert.Contains("`GET /api/v1/jobs/{id}/status`", api, StringComparison.Ordinal);

        var fields = Enum.GetValues<MusicTask>()
            .SelectMany(t => Schema(RequestSchemas.ComponentName(t))["properties"]!.AsObject().Select(p => p.Key)).ToHashSet();
        Assert.All(fields, f => Assert.Contains($"`{f}`", api, StringComparison.Ordinal));
        var tableFields = FieldRowInDocs().Matches(api).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(tableFields);
        Assert.All(tableFields, f => Assert.Contains(f, fields));
    }

    /// <summary>Route rows of docs/api.md's tables: "| `POST text2music` |", "| `GET jobs/{id}/audio?…` |".</summary>
    [GeneratedRegex(@"^\| `(GET|POST|PATCH|DELETE) ([^`]+)`", RegexOptions.Multiline)]
    private static partial Regex RouteInDocs();

    /// <summary>Rows of the request-field table: "| `bpm` | integer |".</summary>
    [GeneratedRegex(@"^\| `([a-z_]+)`(?: / `[a-z_]+`)? \| (?:string|bool|number|integer|string or integer) \|", RegexOptions.Multiline)]
    private static partial Regex FieldRowInDocs();
}
