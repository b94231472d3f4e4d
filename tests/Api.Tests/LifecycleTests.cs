using System.Net;
using System.Net.Http.Headers;
using AudioMusic.TestSupport;

namespace AudioMusic.Api.Tests;

/// <summary>Each task end to end over HTTP with the built-in engine: submit, poll to COMPLETED, download, decode with
/// an independent decoder, and measure what came back.</summary>
public sealed class LifecycleTests(WorkingServerFixture fixture) : IClassFixture<WorkingServerFixture>
{
    private ApiServer Server => fixture.Server;

    [Theory]
    [InlineData("text2music", """{"caption": "upbeat pop, female vocals", "lyrics": "[verse]\nWalking in the city lights\n[chorus]\nWe are young tonight", "duration": 12, "seed": 1}""", 12.0, true)]
    [InlineData("prompt2instrumental", """{"prompt": "calm lo-fi piano", "duration": 10, "seed": 2, "format": "wav"}""", 10.0, false)]
    [InlineData("text2rap", """{"caption": "boom bap", "lyrics": "[verse]\nI keep it moving on the beat every day", "duration": 10, "seed": 3, "format": "mp3"}""", 10.0, true)]
    [InlineData("lyric2vocals", """{"lyrics": "[verse]\nHello world, sing with me", "duration": 10, "seed": 4, "format": "ogg"}""", 10.0, true)]
    [InlineData("text2samples", """{"prompt": "house drum loop", "sample_type": "one-shot", "duration": 1.5, "seed": 5}""", 1.5, false)]
    public async Task Each_task_completes_with_decodable_audio_of_the_requested_length(string route, string body, double seconds, bool sung)
    {
        var id = (await Server.SubmitAsync(route, body)).GetProperty("id").GetString()!;
        var job = await Server.WaitForStatusAsync(id, "COMPLETED");
        Assert.Equal(100, job.GetProperty("progress").GetDouble());
        var format = job.GetProperty("parameters").GetProperty("format").GetString()!;

        using var response = await Server.Client.GetAsync(job.GetProperty("output_url").GetString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.Equal(ExpectedContentType(format), response.Content.Headers.ContentType?.MediaType);

        var audio = ExternalDecoder.Decode(bytes, format);
        Assert.Equal(48_000, audio.SampleRate);
        Assert.Equal(2, audio.ChannelCount);
        // Lossy codecs pad a little; lossless ones are exact to the sample.
        var tolerance = format is "mp3" or "ogg" ? 0.08 : 0.011;
        Assert.InRange(audio.DurationSeconds, seconds - tolerance, seconds + tolerance);
        Assert.InRange(job.GetProperty("audio_duration").GetDouble(), seconds - 0.011, seconds + 0.011);
        Assert.True(Signal.Rms(Signal.Mono(audio)) > 0.01, "the audio is silent");

        var lrc = job.GetProperty("lrc_content");
        Assert.Equal(sung, lrc.ValueKind == System.Text.Json.JsonValueKind.String && lrc.GetString()!.StartsWith('['));
        Assert.True(job.GetProperty("output_urls").TryGetProperty("flac", out _));
    }

    [Fact]
    public async Task Range_requests_return_exactly_the_asked_bytes()
    {
        var id = (await Server.SubmitAsync("prompt2instrumental", """{"prompt": "ambient pad", "duration": 10, "seed": 9}""")).GetProperty("id").GetString()!;
        var job = await Server.WaitForStatusAsync(id, "COMPLETED");
        var url = job.GetProperty("output_url").GetString();
        var whole = await Server.Client.GetByteArrayAsync(url);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(100, 1099);
        using var partial = await Server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(whole.AsSpan(100, 1000).ToArray(), await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes 100-1099/{whole.Length}", partial.Content.Headers.ContentRange?.ToString());

        using var tail = new HttpRequestMessage(HttpMethod.Get, url);
        tail.Headers.Range = new RangeHeaderValue(null, 10);
        using var tailResponse = await Server.Client.SendAsync(tail);
        Assert.Equal(whole[^10..], await tailResponse.Content.ReadAsByteArrayAsync());

        using var beyond = new HttpRequestMessage(HttpMethod.Get, url);
        beyond.Headers.Range = new RangeHeaderValue(whole.Length + 10, null);
        using var beyondResponse = await Server.Client.SendAsync(beyond);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, beyondResponse.StatusCode);
    }

    [Fact]
    public async Task A_batch_gives_distinct_variations_each_downloadable()
    {
        var id = (await Server.SubmitAsync("prompt2instrumental", """{"prompt": "rock", "duration": 10, "batch_size": 2, "seed": 11}""")).GetProperty("id").GetString()!;
        var job = await Server.WaitForStatusAsync(id, "COMPLETED");
        var outputs = job.GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal(2, outputs.Count);
        var first = await Server.Client.GetByteArrayAsync(outputs[0].GetProperty("urls").GetProperty("flac").GetString());
        var second = await Server.Client.GetByteArrayAsync(outputs[1].GetProperty("urls").GetProperty("flac").GetString());
        Assert.NotEqual(first, second);
        Assert.Equal(11, job.GetProperty("actual_seeds")[0].GetInt32());
    }

    [Fact]
    public async Task A_running_job_can_be_cancelled_then_retried_to_completion()
    {
        var id = (await Server.SubmitAsync("text2music", """{"caption": "epic cinematic", "lyrics": "[verse]\nla la la", "duration": 240, "seed": 12}""")).GetProperty("id").GetString()!;
        await Server.WaitForStatusAsync(id, "PROCESSING");
        using var cancel = await Server.Client.DeleteAsync($"/api/v1/music/jobs/{id}");
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("CANCELLED", (await Server.StatusAsync(id)).GetProperty("status").GetString());

        using var retry = await Server.Client.PostAsync($"/api/v1/music/jobs/{id}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var done = await Server.WaitForStatusAsync(id, "COMPLETED", TimeSpan.FromMinutes(3));
        Assert.Equal(12, done.GetProperty("actual_seeds")[0].GetInt32());
    }

    [Fact]
    public async Task Simple_mode_generates_the_plan_it_shows()
    {
        var id = (await Server.SubmitAsync("simple", """{"query": "a happy reggae song about the sea", "duration": 20, "seed": 21}""")).GetProperty("id").GetString()!;
        var job = await Server.WaitForStatusAsync(id, "COMPLETED");
        Assert.Equal("simple", job.GetProperty("task").GetString());
        var plan = job.GetProperty("plan");
        var resolved = job.GetProperty("resolved");
        Assert.Equal(plan.GetProperty("bpm").GetInt32(), resolved.GetProperty("bpm").GetInt32());
        Assert.Equal(plan.GetProperty("keyscale").GetString(), resolved.GetProperty("keyscale").GetString());
        Assert.InRange(resolved.GetProperty("duration").GetDouble(), 19.99, 20.01);
    }

    private static string ExpectedContentType(string format) => format switch
    {
        "flac" => "audio/flac",
        "wav" => "audio/wav",
        "mp3" => "audio/mpeg",
        _ => "audio/ogg",
    };
}
