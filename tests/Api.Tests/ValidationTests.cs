using System.Net;
using System.Text;
using System.Text.Json;

namespace AudioMusic.Api.Tests;

/// <summary>Every kind of bad input gets a 4xx problem document naming the field, never a 500, and creates nothing.</summary>
public sealed class ValidationTests(QueuedServerFixture fixture) : IClassFixture<QueuedServerFixture>
{
    private ApiServer Server => fixture.Server;

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "text2music", """{"caption": 5}""", "caption" },
        { "text2music", """{"caption": ""}""", "caption" },
        { "text2music", $$"""{"caption": "{{new string('a', 2049)}}"}""", "caption" },
        { "text2music", """{"caption": "pop", "bpm": 29}""", "bpm" },
        { "text2music", """{"caption": "pop", "bpm": 301}""", "bpm" },
        { "text2music", """{"caption": "pop", "bpm": 120.5}""", "bpm" },
        { "text2music", """{"caption": "pop", "bpm": "fast"}""", "bpm" },
        { "text2music", """{"caption": "pop", "duration": 9}""", "duration" },
        { "text2music", """{"caption": "pop", "duration": 601}""", "duration" },
        { "text2music", """{"caption": "pop", "keyscale": "H major"}""", "keyscale" },
        { "text2music", """{"caption": "pop", "timesignature": "5/4"}""", "timesignature" },
        { "text2music", """{"caption": "pop", "timesignature": 7}""", "timesignature" },
        { "text2music", """{"caption": "pop", "vocal_language": "english"}""", "vocal_language" },
        { "text2music", """{"caption": "pop", "seed": -2}""", "seed" },
        { "text2music", """{"caption": "pop", "seed": 2147483648}""", "seed" },
        { "text2music", """{"caption": "pop", "batch_size": 0}""", "batch_size" },
        { "text2music", """{"caption": "pop", "batch_size": 9}""", "batch_size" },
        { "text2music", """{"caption": "pop", "format": "aiff"}""", "format" },
        { "text2music", """{"caption": "pop", "genre_preset": "polka"}""", "genre_preset" },
        { "text2music", """{"caption": "pop", "instrumental": "yes"}""", "instrumental" },
        { "text2music", """{"caption": "pop", "lyrics": "[chrous]\nla la"}""", "lyrics" },
        { "text2music", """{"caption": "pop", "lyrics": "[verse\nla la"}""", "lyrics" },
        { "text2music", $$"""{"caption": "pop", "lyrics": "{{new string('a', 4097)}}"}""", "lyrics" },
        { "text2music", """{"caption": "pop", "display_name": "a\u0007b"}""", "display_name" },
        { "text2music", """{"caption": "pop", "model": "no such engine!"}""", "model" },
        { "text2music", """{"caption": "pop", "model": "no-such-engine"}""", "model" },
        { "text2music", """{"caption": "pop", "inference_steps": 0}""", "inference_steps" },
        { "text2music", """{"caption": "pop", "guidance_scale": 31}""", "guidance_scale" },
        { "text2music", """{"caption": "pop", "shift": 0}""", "shift" },
        { "text2music", """{"caption": "pop", "bmp": 120}""", "bmp" },
        { "text2music", """{"caption": "pop", "query": "x"}""", "query" },
        { "text2music", """{"caption": "a", "prompt": "b"}""", "prompt" },
        { "prompt2instrumental", """{"prompt": "x", "lyrics": "[verse]\nla"}""", "lyrics" },
        { "prompt2instrumental", """{}""", "prompt" },
        { "text2rap", """{"caption": "rap"}""", "lyrics" },
        { "lyric2vocals", """{"caption": "soft"}""", "lyrics" },
        { "text2samples", """{"prompt": "kick", "sample_type": "drone"}""", "sample_type" },
        { "text2samples", """{"prompt": "kick", "tempo": 59}""", "tempo" },
        { "text2samples", """{"prompt": "kick", "duration": 121}""", "duration" },
        { "text2samples", """{"prompt": "kick", "duration": 0.4}""", "duration" },
        { "simple", """{"query": ""}""", "query" },
        { "simple", $$"""{"query": "{{new string('a', 1001)}}"}""", "query" },
        { "simple", """{"query": "pop", "caption": "x"}""", "caption" },
        { "simple", """{"query": "pop", "duration": 5}""", "duration" },
        { "simple", """[1, 2]""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_fields_are_named_in_a_400_problem(string route, string body, string field)
    {
        var before = await CountAsync();
        using var response = await Server.PostJsonAsync($"/api/v1/music/{route}", body);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for '{field}', got {problem}");
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_about_the_body()
    {
        using var response = await Server.PostJsonAsync("/api/v1/music/text2music", """{"caption": "pop",""");
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("body", problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task An_empty_body_is_a_400()
    {
        using var response = await Server.PostJsonAsync("/api/v1/music/text2music", "");
        await ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413()
    {
        var json = $$"""{"caption": "pop", "lyrics": "{{new string('a', 70_000)}}"}""";
        using var response = await Server.PostJsonAsync("/api/v1/music/text2music", json);
        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415()
    {
        using var response = await Server.Client.PostAsync("/api/v1/music/text2music", new StringContent("caption=pop", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("GET", "/api/v1/music/jobs/{0}/status")]
    [InlineData("GET", "/api/v1/jobs/{0}/status")]
    [InlineData("GET", "/api/v1/music/jobs/{0}/audio")]
    [InlineData("DELETE", "/api/v1/music/jobs/{0}")]
    [InlineData("POST", "/api/v1/music/jobs/{0}/retry")]
    public async Task Unknown_jobs_are_404(string method, string template)
    {
        foreach (var id in new[] { Guid.NewGuid().ToString(), "not-a-job-id" })
        {
            using var response = await Server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, template, id)));
            await ProblemAsync(response, HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Patch_of_an_unknown_job_is_404_and_bad_patches_are_400()
    {
        using var unknown = await Server.Client.PatchAsync($"/api/v1/music/jobs/{Guid.NewGuid()}", Json("""{"display_name": "x"}"""));
        await ProblemAsync(unknown, HttpStatusCode.NotFound);
        var job = await Server.SubmitAsync("text2music", """{"caption": "pop"}""");
        var id = job.GetProperty("id").GetString();
        using var badField = await Server.Client.PatchAsync($"/api/v1/music/jobs/{id}", Json("""{"caption": "x"}"""));
        Assert.True((await ProblemAsync(badField, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("caption", out _));
        using var tooLong = await Server.Client.PatchAsync($"/api/v1/music/jobs/{id}", Json($$"""{"display_name": "{{new string('n', 201)}}"}"""));
        await ProblemAsync(tooLong, HttpStatusCode.BadRequest);
        using var ok = await Server.Client.PatchAsync($"/api/v1/music/jobs/{id}", Json("""{"display_name": "My song"}"""));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("My song", (await Server.StatusAsync(id!)).GetProperty("display_name").GetString());
        await Server.Client.DeleteAsync($"/api/v1/music/jobs/{id}");
    }

    [Fact]
    public async Task Wrong_states_are_409()
    {
        var job = await Server.SubmitAsync("text2music", """{"caption": "pop"}""");
        var id = job.GetProperty("id").GetString();
        using var retryPending = await Server.Client.PostAsync($"/api/v1/music/jobs/{id}/retry", null);
        await ProblemAsync(retryPending, HttpStatusCode.Conflict);
        using var audioPending = await Server.Client.GetAsync($"/api/v1/music/jobs/{id}/audio");
        await ProblemAsync(audioPending, HttpStatusCode.Conflict);

        using var cancel = await Server.Client.DeleteAsync($"/api/v1/music/jobs/{id}");
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("CANCELLED", (await Server.StatusAsync(id!)).GetProperty("status").GetString());

        // A cancelled job can be retried (back to PENDING), then deleted for good.
        using var retry = await Server.Client.PostAsync($"/api/v1/music/jobs/{id}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        using var cancelAgain = await Server.Client.DeleteAsync($"/api/v1/music/jobs/{id}");
        using var delete = await Server.Client.DeleteAsync($"/api/v1/music/jobs/{id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var gone = await Server.Client.GetAsync($"/api/v1/music/jobs/{id}/status");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Bad_list_filters_are_400()
    {
        foreach (var query in new[] { "status=DONE", "task=karaoke", "limit=0", "limit=101", "limit=x", "cursor=%%%" })
        {
            using var response = await Server.Client.GetAsync($"/api/v1/music/jobs?{query}");
            await ProblemAsync(response, HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task Unknown_routes_and_methods_get_problems()
    {
        using var route = await Server.Client.GetAsync("/api/v1/music/nothing-here");
        await ProblemAsync(route, HttpStatusCode.NotFound);
        using var method = await Server.Client.GetAsync("/api/v1/music/text2music");
        await ProblemAsync(method, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Bad_audio_parameters_are_400()
    {
        var job = await Server.SubmitAsync("text2music", """{"caption": "pop"}""");
        var id = job.GetProperty("id").GetString();
        using var index = await Server.Client.GetAsync($"/api/v1/music/jobs/{id}/audio?index=-1");
        await ProblemAsync(index, HttpStatusCode.BadRequest);
        using var format = await Server.Client.GetAsync($"/api/v1/music/jobs/{id}/audio?format=aiff");
        await ProblemAsync(format, HttpStatusCode.BadRequest);
        await Server.Client.DeleteAsync($"/api/v1/music/jobs/{id}");
    }

    private async Task<long> CountAsync()
    {
        var counts = JsonDocument.Parse(await Server.Client.GetStringAsync("/api/v1/music/jobs/counts")).RootElement;
        return counts.GetProperty("total").GetInt64();
    }

    internal static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
