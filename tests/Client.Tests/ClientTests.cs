using System.Text.Json;
using System.Text.Json.Nodes;
using AudioMusic.Api.Tests;
using AudioMusic.Client;
using AudioMusic.Client.Models;
using AudioMusic.TestSupport;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace AudioMusic.Client.Tests;

/// <summary>What a client developer does with the OpenAPI document: generate a typed client (Kiota, at build time, from
/// docs/openapi.json), submit a song with it, follow the job to COMPLETED, download and decode the audio, and read a
/// problem document as a typed error. docs/openapi.json must be the document the host serves.</summary>
public sealed class ClientTests : IAsyncLifetime
{
    /// <summary>The committed document names this server; hosts serve their own address.</summary>
    private const string SnapshotServer = "http://localhost:5080";

    private ApiServer _server = null!;
    private AudioMusicApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await ApiServer.StartAsync();
        var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: new HttpClient())
        {
            BaseUrl = _server.Client.BaseAddress!.ToString().TrimEnd('/'),
        };
        _client = new AudioMusicApiClient(adapter);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_committed_document_is_the_one_the_host_serves()
    {
        var served = JsonNode.Parse(await _server.Client.GetStringAsync("/openapi/v1.json"))!.AsObject();
        served["servers"] = new JsonArray(new JsonObject { ["url"] = SnapshotServer });
        var path = Path.Combine(Checkout.Root, "docs", "openapi.json");
        var expected = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        if (Environment.GetEnvironmentVariable("AUDIOMUSIC_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, expected);
        }
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(path));
        Assert.True(JsonNode.DeepEquals(served, committed),
            "docs/openapi.json differs from the served document: run AUDIOMUSIC_UPDATE_OPENAPI=1 dotnet test tests/Client.Tests, review the diff, and commit it.");
    }

    [Fact]
    public async Task A_generated_client_submits_a_song_follows_it_and_downloads_it()
    {
        var accepted = await _client.Api.V1.Music.Text2music.PostAsync(new Text2MusicRequest
        {
            Caption = "bright synth pop from a generated client",
            Lyrics = "[verse]\nTyped from the document\n[chorus]\nSing it back to me",
            Duration = 12,
            Seed = 404,
            Timesignature = Text2MusicRequest_timesignature.ThreeFour,
        });
        var id = accepted!.Job!.Id!;
        Assert.Equal(JobDto_status.PENDING, accepted.Job.Status);

        JobDto job;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            job = (await _client.Api.V1.Music.Jobs[id].Status.GetAsync())!.Job!;
            if (job.Status == JobDto_status.COMPLETED || DateTime.UtcNow > deadline)
            {
                break;
            }
            await Task.Delay(100);
        }
        Assert.Equal(JobDto_status.COMPLETED, job.Status);
        Assert.Equal(404, job.ActualSeeds!.Single());
        Assert.Equal("3/4", job.Resolved!.Timesignature);

        await using var audio = (await _client.Api.V1.Music.Jobs[id].Audio.GetAsync(r => r.QueryParameters.Format = "mp3"))!;
        using var copy = new MemoryStream();
        await audio.CopyToAsync(copy);
        var probe = MediaProbe.Of(copy.ToArray(), ".mp3");
        Assert.Equal("mp3", probe.Codec);
        Assert.InRange(probe.DurationSeconds, 11.5, 12.6);
    }

    [Fact]
    public async Task A_problem_document_arrives_as_a_typed_error_naming_the_field()
    {
        var error = await Assert.ThrowsAsync<Problem>(() => _client.Api.V1.Music.Text2music.PostAsync(new Text2MusicRequest
        {
            Caption = "too many variations",
            BatchSize = 99,
        }));
        Assert.Equal(400, error.Status);
        Assert.Equal("/problems/validation", error.Type);
        Assert.True(error.Errors!.AdditionalData.ContainsKey("batch_size"), string.Join(", ", error.Errors.AdditionalData.Keys));

        var missing = await Assert.ThrowsAsync<Problem>(() => _client.Api.V1.Music.Jobs[Guid.NewGuid().ToString()].Status.GetAsync());
        Assert.Equal(404, missing.Status);
    }
}
