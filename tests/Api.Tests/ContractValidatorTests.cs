namespace AudioMusic.Api.Tests;

/// <summary>The checker every API test runs its answers through must itself catch what disagrees with the document:
/// a body of the wrong shape, an undeclared status, an undeclared media type.</summary>
public sealed class ContractValidatorTests : IAsyncLifetime
{
    private ApiServer _server = null!;
    private ContractValidator _validator = null!;

    public async Task InitializeAsync()
    {
        _server = await ApiServer.StartAsync();
        _validator = new ContractValidator(await _server.Client.GetStringAsync("/openapi/v1.json"));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_real_answer_passes_and_wrong_ones_are_named()
    {
        var job = await _server.SubmitAsync("text2music", """{"caption": "contract check", "duration": 10, "seed": 5}""");
        var id = job.GetProperty("id").GetString()!;
        var body = await _server.Client.GetStringAsync($"/api/v1/music/jobs/{id}/status");
        var path = $"/api/v1/music/jobs/{id}/status";
        Assert.Null(_validator.Check("GET", path, 200, "application/json", body));

        // A field renamed to camelCase, a missing field, a wrong type: each is a schema violation.
        Assert.Contains("does not match", _validator.Check("GET", path, 200, "application/json",
            body.Replace("\"queue_position\"", "\"queuePosition\"", StringComparison.Ordinal)));
        Assert.Contains("does not match", _validator.Check("GET", path, 200, "application/json",
            body.Replace("\"attempt\":", "\"attempt\":\"one\",\"x\":", StringComparison.Ordinal)));
        Assert.Contains("declares no 418", _validator.Check("GET", path, 418, "application/json", "{}"));
        Assert.Contains("answered as text/html", _validator.Check("GET", path, 200, "text/html", "<html/>"));
        Assert.Contains("does not match", _validator.Check("GET", path, 404, "application/problem+json", """{"title": 3}"""));
        // Paths the document does not describe are not its business.
        Assert.Null(_validator.Check("GET", "/api/v1/nothing/here", 404, "application/problem+json", "{}"));
    }
}
