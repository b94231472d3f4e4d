using System.Net;
using System.Text.Json;
using AudioMusic.TestSupport;

namespace AudioMusic.Api.Tests;

/// <summary>Stems over HTTP: a job asked for with <c>stems: true</c> lists four stems, each downloadable in any format,
/// drawn as a waveform, and together adding up to the mix.</summary>
public sealed class StemsTests(WorkingServerFixture fixture) : IClassFixture<WorkingServerFixture>
{
    private static readonly string[] Names = ["vocals", "drums", "bass", "other"];

    private ApiServer Server => fixture.Server;

    [Fact]
    public async Task A_stems_job_serves_four_stems_that_add_up_to_the_mix()
    {
        var job = await CompletedAsync("""{"caption": "indie rock, male vocals", "lyrics": "[verse]\nRunning down the open road\n[chorus]\nNever looking back", "duration": 12, "seed": 81, "stems": true}""");
        var id = job.GetProperty("id").GetString()!;
        Assert.True(job.GetProperty("parameters").GetProperty("stems").GetBoolean());
        var urls = job.GetProperty("outputs")[0].GetProperty("stems");
        Assert.Equal(Names, urls.EnumerateObject().Select(p => p.Name));

        var mix = ExternalDecoder.Decode(await Server.Client.GetByteArrayAsync($"/api/v1/music/jobs/{id}/audio?format=flac"), "flac");
        var sum = new float[2][] { new float[mix.Frames], new float[mix.Frames] };
        foreach (var name in Names)
        {
            using var response = await Server.Client.GetAsync(urls.GetProperty(name).GetString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("audio/flac", response.Content.Headers.ContentType?.MediaType);
            Assert.EndsWith($"-{name}.flac", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
            var stem = ExternalDecoder.Decode(await response.Content.ReadAsByteArrayAsync(), "flac");
            Assert.Equal(mix.Frames, stem.Frames);
            for (var c = 0; c < 2; c++)
            {
                for (var i = 0; i < mix.Frames; i++)
                {
                    sum[c][i] += stem.Channels[c][i];
                }
            }
        }
        for (var c = 0; c < 2; c++)
        {
            // The mix is the stems' sum after bus compression and limiting, which the stems skip (docs/api.md).
            Assert.True(Signal.Correlation(sum[c], mix.Channels[c]) > 0.98, $"channel {c}: the stems do not add up to the mix");
        }
    }

    [Fact]
    public async Task A_stem_comes_in_any_format_and_as_a_waveform_and_unknown_stems_are_named()
    {
        var job = await CompletedAsync("""{"prompt": "deep house groove", "duration": 10, "seed": 82, "stems": true}""");
        var id = job.GetProperty("id").GetString()!;

        var mp3 = await Server.Client.GetByteArrayAsync($"/api/v1/music/jobs/{id}/stems/drums?format=mp3&bitrate=192");
        var probe = MediaProbe.Of(mp3, "mp3");
        Assert.Equal("mp3", probe.Codec);
        Assert.Equal(192_000, probe.BitRate);
        // An instrumental's vocal stem is silence.
        var vocals = ExternalDecoder.Decode(await Server.Client.GetByteArrayAsync($"/api/v1/music/jobs/{id}/stems/vocals?format=wav"), "wav");
        Assert.True(vocals.Channels.All(c => c.All(s => s == 0f)), "the vocal stem of an instrumental is not silent");

        var waveform = JsonDocument.Parse(await Server.Client.GetStringAsync($"/api/v1/music/jobs/{id}/waveform?stem=bass&points=100")).RootElement;
        Assert.Equal(2, waveform.GetProperty("channels").GetInt32());
        Assert.Contains(waveform.GetProperty("data").EnumerateArray(), v => v.GetInt32() != 0);

        using var unknown = await Server.Client.GetAsync($"/api/v1/music/jobs/{id}/stems/piano");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("vocals, drums, bass, other", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_without_stems_says_how_to_ask_for_them()
    {
        var job = await CompletedAsync("""{"prompt": "ambient drone", "duration": 10, "seed": 83}""");
        Assert.Equal(JsonValueKind.Null, job.GetProperty("outputs")[0].GetProperty("stems").ValueKind);

        using var response = await Server.Client.GetAsync($"/api/v1/music/jobs/{job.GetProperty("id").GetString()}/stems/drums");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\\\"stems\\\": true", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stems_must_be_a_boolean()
    {
        using var response = await Server.PostJsonAsync("/api/v1/music/prompt2instrumental", """{"prompt": "jazz", "stems": "yes"}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("stems", out _));
    }

    private async Task<JsonElement> CompletedAsync(string body)
    {
        var route = body.Contains("\"prompt\"", StringComparison.Ordinal) ? "prompt2instrumental" : "text2music";
        var id = (await Server.SubmitAsync(route, body)).GetProperty("id").GetString()!;
        return await Server.WaitForStatusAsync(id, "COMPLETED");
    }
}
