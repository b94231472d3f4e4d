using System.Net;
using AudioMusic.Grains.Renditions;
using AudioMusic.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AudioMusic.Api.Tests;

/// <summary>Any format at any time: a job rendered as FLAC is downloaded as every other format, bitrate and sample
/// rate afterwards, each made once from the master and judged by ffmpeg against it.</summary>
public sealed class RenditionTests(WorkingServerFixture fixture) : IClassFixture<WorkingServerFixture>
{
    private ApiServer Server => fixture.Server;

    [Fact]
    public async Task Every_format_made_after_completion_matches_the_master()
    {
        var (id, _) = await CompletedJobAsync("calm lo-fi piano with soft drums", seed: 41);
        var masterBytes = await DownloadAsync(id, "format=flac");
        var master = ExternalDecoder.Decode(masterBytes, "flac");
        var masterLoudness = Loudness.Measure(masterBytes, "flac").IntegratedLufs;

        foreach (var (format, contentType) in new[] { ("wav", "audio/wav"), ("mp3", "audio/mpeg"), ("ogg", "audio/ogg"), ("opus", "audio/ogg") })
        {
            using var response = await Server.Client.GetAsync($"/api/v1/music/jobs/{id}/audio?format={format}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var decoded = ExternalDecoder.Decode(bytes, format);
            Assert.Equal(48_000, decoded.SampleRate);
            Assert.Equal(2, decoded.ChannelCount);
            if (format == "wav")
            {
                // Lossless: the very samples of the master.
                Assert.Equal(master.Frames, decoded.Frames);
                for (var c = 0; c < 2; c++)
                {
                    Assert.True(master.Channels[c].AsSpan().SequenceEqual(decoded.Channels[c]), $"wav channel {c} differs from the master");
                }
                continue;
            }
            // Lossy: the same length within one codec frame, the same loudness within half a loudness unit.
            var frame = format == "mp3" ? 1152 : 960;
            Assert.InRange(decoded.Frames, master.Frames - frame, master.Frames + frame);
            Assert.InRange(Loudness.Measure(bytes, format).IntegratedLufs, masterLoudness - 0.5, masterLoudness + 0.5);
        }
    }

    [Fact]
    public async Task Bitrate_and_sample_rate_are_honoured_and_the_file_says_what_it_is()
    {
        var (id, seed) = await CompletedJobAsync("warm jazz trio", seed: 42, displayName: "Late Set");

        var mp3 = await DownloadAsync(id, "format=mp3&bitrate=128&sample_rate=44100");
        var probe = MediaProbe.Of(mp3, "mp3");
        Assert.Equal(44_100, probe.SampleRate);
        Assert.Equal(128_000, probe.BitRate);
        Assert.InRange(ExternalDecoder.Decode(mp3, "mp3").DurationSeconds, 10 - 0.03, 10 + 0.03);
        Assert.Equal("Late Set", probe.Tags["TITLE"]);
        Assert.Equal(seed.ToString(System.Globalization.CultureInfo.InvariantCulture), probe.Tags["SEED"]);
        Assert.Equal("builtin", probe.Tags["MODEL"]);

        var opus = MediaProbe.Of(await DownloadAsync(id, "format=opus&bitrate=64"), "opus");
        Assert.Equal("opus", opus.Codec);
        Assert.Equal("Late Set", opus.Tags["TITLE"]);
    }

    [Fact]
    public async Task The_file_name_is_the_display_name_safely_encoded()
    {
        var (id, _) = await CompletedJobAsync("string quartet", seed: 45, displayName: "Ünïcode \\\"Song\\\"/1");

        using var response = await Server.Client.GetAsync($"/api/v1/music/jobs/{id}/audio?format=mp3");

        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        // The UTF-8 name (a path separator cannot pass), and a stand-in of letters, digits and ._- for old clients.
        Assert.Equal("Ünïcode \"Song\"_1.mp3", disposition.FileNameStar);
        Assert.Equal("_n_code__Song__1.mp3", disposition.FileName);
    }

    [Fact]
    public async Task Fifty_concurrent_first_requests_transcode_once_and_get_the_same_bytes()
    {
        var (id, _) = await CompletedJobAsync("driving synthwave", seed: 43);
        var transcoder = Server.Services.GetRequiredService<Transcoder>();
        var before = transcoder.Transcodes;

        var downloads = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => DownloadAsync(id, "format=opus&bitrate=96")));

        Assert.Equal(1, transcoder.Transcodes - before);
        Assert.All(downloads, d => Assert.Equal(downloads[0], d));
        // The next request is a plain read of the stored file.
        await DownloadAsync(id, "format=opus&bitrate=96");
        Assert.Equal(1, transcoder.Transcodes - before);
    }

    [Theory]
    [InlineData("format=aac", "format")]
    [InlineData("format=flac&bitrate=128", "bitrate")]
    [InlineData("format=wav&bitrate=128", "bitrate")]
    [InlineData("format=mp3&bitrate=100", "bitrate")]
    [InlineData("format=mp3&bitrate=fast", "bitrate")]
    [InlineData("format=ogg&bitrate=1000", "bitrate")]
    [InlineData("format=opus&bitrate=8", "bitrate")]
    [InlineData("format=mp3&sample_rate=22050", "sample_rate")]
    [InlineData("format=opus&sample_rate=44100", "sample_rate")]
    [InlineData("index=9", "index")]
    public async Task A_bad_download_query_is_a_400_naming_the_field(string query, string field)
    {
        var (id, _) = await CompletedJobAsync("minimal techno", seed: 44);

        using var response = await Server.Client.GetAsync($"/api/v1/music/jobs/{id}/audio?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query}: {problem}");
    }

    private async Task<(string Id, int Seed)> CompletedJobAsync(string prompt, int seed, string? displayName = null)
    {
        var name = displayName is null ? "" : $", \"display_name\": \"{displayName}\"";
        var id = (await Server.SubmitAsync("prompt2instrumental", $$"""{"prompt": "{{prompt}}", "duration": 10, "seed": {{seed}}{{name}}}""")).GetProperty("id").GetString()!;
        var job = await Server.WaitForStatusAsync(id, "COMPLETED");
        return (id, job.GetProperty("outputs")[0].GetProperty("seed").GetInt32());
    }

    private async Task<byte[]> DownloadAsync(string id, string query)
    {
        using var response = await Server.Client.GetAsync($"/api/v1/music/jobs/{id}/audio?{query}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
        return bytes;
    }
}
