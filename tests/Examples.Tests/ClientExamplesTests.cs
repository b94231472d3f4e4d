using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AudioMusic.Api.Tests;
using AudioMusic.TestSupport;

namespace AudioMusic.Examples.Tests;

/// <summary>The host the examples talk to: the embedded default with API keys on (so every example sends its key) and
/// loopback webhook receivers allowed.</summary>
public sealed class ExamplesHost : IAsyncLifetime
{
    public ApiServer Server { get; private set; } = null!;

    public string Key { get; private set; } = "";

    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["AUDIOMUSIC_URL"] = Server.Client.BaseAddress!.ToString(),
        ["AUDIOMUSIC_API_KEY"] = Key,
    };

    public async Task InitializeAsync()
    {
        Server = await ApiServer.StartAsync(new Dictionary<string, string>
        {
            ["Auth:Mode"] = "ApiKeys",
            ["Auth:AdminKey"] = KeyedRequests.AdminKey,
            ["Webhooks:AllowedHosts:0"] = "127.0.0.1",
        });
        (_, Key) = await KeyedRequests.CreateKeyAsync(Server.Client, """{"name": "examples"}""");
    }

    public async Task<JsonElement> StatusAsync(string id)
    {
        using var response = await KeyedRequests.Send(Server.Client, HttpMethod.Get, $"/api/v1/music/jobs/{id}/status", Key);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").Clone();
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>examples/python (standard library only) and examples/node (Node 20, no packages), run as a user runs them:
/// every generation route submitted, followed on its event stream and downloaded (the file decoded as audio); polling;
/// an idempotent retry; a webhook receiver that verifies signatures; and the key header.</summary>
public sealed class ClientExamplesTests(ExamplesHost host) : IClassFixture<ExamplesHost>
{
    public static TheoryData<string, string, string> Generations()
    {
        var bodies = new Dictionary<string, string>
        {
            ["text2music"] = """{"caption": "upbeat indie pop", "lyrics": "[verse]\nWe drove all night\n[chorus]\nInto the light", "duration": 10, "seed": 1}""",
            ["prompt2instrumental"] = """{"prompt": "calm piano and strings", "duration": 10, "seed": 2, "format": "mp3"}""",
            ["text2rap"] = """{"caption": "boom bap", "lyrics": "[verse]\nMic check one two, the beat rolls through\nEvery word I say is brand new", "duration": 10, "seed": 3}""",
            ["lyric2vocals"] = """{"lyrics": "[verse]\nHold the line and sing with me", "duration": 10, "seed": 4}""",
            ["text2samples"] = """{"prompt": "snare one-shot", "sample_type": "one-shot", "seed": 5, "format": "wav"}""",
            ["simple"] = """{"query": "a short happy folk tune about the sea", "duration": 10, "seed": 6}""",
        };
        var data = new TheoryData<string, string, string>();
        foreach (var language in new[] { "python", "node" })
        {
            foreach (var (route, body) in bodies)
            {
                data.Add(language, route, body);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Generations))]
    public async Task Generate_submits_follows_the_events_and_downloads_audio(string language, string route, string body)
    {
        using var file = TemporaryFile.Create(".audio");
        await using var run = ExampleRun.Start(language, Script(language, "generate"), host.Environment, route, body, "--out", file.Path);
        Assert.True(await run.ExitAsync() == 0, $"{run.Output}\n{run.Errors}");

        var lines = run.Output.Split('\n');
        var id = lines[0].Split(' ')[1];
        Assert.StartsWith("job.queued", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("job.started PROCESSING", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("job.completed COMPLETED 100%", StringComparison.Ordinal));
        var job = await host.StatusAsync(id);
        Assert.Equal(route, job.GetProperty("task").GetString());
        var format = job.GetProperty("parameters").GetProperty("format").GetString()!;
        Assert.Equal(format, MediaProbe.Of(file.Path).Codec switch { "mp3" => "mp3", "pcm_s16le" => "wav", var c => c });
        var decoded = ExternalDecoder.Decode(file.Path);
        Assert.Equal(job.GetProperty("audio_duration").GetDouble(), decoded.DurationSeconds, 0.06);
    }

    [Theory]
    [InlineData("python")]
    [InlineData("node")]
    public async Task Poll_waits_for_the_job_by_reading_its_status(string language)
    {
        await using var run = ExampleRun.Start(language, Script(language, "poll"), host.Environment,
            "prompt2instrumental", """{"prompt": "polled ambient", "duration": 10, "seed": 9}""");
        Assert.True(await run.ExitAsync() == 0, $"{run.Output}\n{run.Errors}");
        var lines = run.Output.Split('\n');
        var job = await host.StatusAsync(lines[0].Split(' ')[1]);
        Assert.Equal("COMPLETED", job.GetProperty("status").GetString());
        Assert.StartsWith("COMPLETED ", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(job.GetProperty("output_url").GetString()!, lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("python")]
    [InlineData("node")]
    public async Task A_retried_submit_with_the_same_idempotency_key_returns_the_same_job(string language)
    {
        await using var run = ExampleRun.Start(language, Script(language, "idempotent_retry"), host.Environment);
        Assert.True(await run.ExitAsync() == 0, $"{run.Output}\n{run.Errors}");
        var ids = run.Output.Split('\n')[0].Split(' ');
        Assert.Equal(ids[1], ids[3]);
        Assert.Contains("409 /problems/idempotency-conflict", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("python")]
    [InlineData("node")]
    public async Task Without_the_key_the_example_reports_the_401(string language)
    {
        var environment = host.Environment.Where(e => e.Key != "AUDIOMUSIC_API_KEY").ToDictionary();
        await using var run = ExampleRun.Start(language, Script(language, "generate"), environment, "text2music", """{"caption": "no key"}""");
        Assert.Equal(1, await run.ExitAsync());
        Assert.Contains("refused: 401", run.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("python")]
    [InlineData("node")]
    public async Task The_webhook_receiver_takes_signed_deliveries_and_refuses_forged_ones(string language)
    {
        var port = FreePort();
        await using var receiver = ExampleRun.Start(language, Script(language, "webhook_receiver"), host.Environment,
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--exit-after-terminal");
        Assert.Contains("listening", await receiver.NextLineAsync(TimeSpan.FromSeconds(20)) ?? receiver.Errors, StringComparison.Ordinal);

        // A delivery signed with another secret is refused.
        using (var http = new HttpClient())
        using (var forged = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/hook"))
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            forged.Headers.Add("webhook-id", "msg_forged");
            forged.Headers.Add("webhook-timestamp", timestamp);
            forged.Headers.Add("webhook-signature", "v1," + Convert.ToBase64String(new byte[32]));
            forged.Content = new StringContent("""{"type": "job.completed", "data": {}}""", Encoding.UTF8, "application/json");
            using var answer = await http.SendAsync(forged);
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        }
        Assert.Equal("""{"rejected": "msg_forged"}""".Replace(" ", "", StringComparison.Ordinal), (await receiver.NextLineAsync(TimeSpan.FromSeconds(10)))!.Replace(" ", "", StringComparison.Ordinal));

        using var submit = await KeyedRequests.Send(host.Server.Client, HttpMethod.Post, "/api/v1/music/prompt2instrumental", host.Key,
            $$"""{"prompt": "hooked", "duration": 10, "seed": 10, "callback_url": "http://127.0.0.1:{{port}}/hook", "webhook_events_filter": ["started", "completed"]}""");
        Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        var id = (await submit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetProperty("id").GetString();
        Assert.Equal(0, await receiver.ExitAsync());

        var events = receiver.Output.Split('\n').Skip(2).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(events, e => Assert.Equal(id, e.GetProperty("job_id").GetString()));
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "job.started");
        Assert.Equal("job.completed", events[^1].GetProperty("type").GetString());
        Assert.Equal("COMPLETED", events[^1].GetProperty("status").GetString());
    }

    /// <summary>Python's scripts are snake_case .py, Node's kebab-case .mjs.</summary>
    private static string Script(string language, string name) =>
        language == "python" ? name + ".py" : name.Replace('_', '-') + ".mjs";

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
