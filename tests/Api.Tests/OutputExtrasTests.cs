using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using AudioMusic.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AudioMusic.Api.Tests;

/// <summary>Waveform peaks, timed lyrics and measured analysis of completed outputs, each checked against what an
/// independent tool makes of the audio itself.</summary>
public sealed class OutputExtrasTests(WorkingServerFixture fixture) : IClassFixture<WorkingServerFixture>
{
    private ApiServer Server => fixture.Server;

    [Theory]
    [InlineData(500)]
    [InlineData(16)]
    [InlineData(8192)]
    public async Task Waveform_peaks_are_the_min_and_max_of_each_slice_of_the_decoded_master(int points)
    {
        var job = await CompletedAsync("prompt2instrumental", """{"prompt": "bright funk groove", "duration": 10, "seed": 61}""");
        var id = job.GetProperty("id").GetString()!;
        var master = await Server.Client.GetByteArrayAsync($"/api/v1/music/jobs/{id}/audio?format=flac");
        var pcm = DecodeInt16(master);

        using var response = await Server.Client.GetAsync($"/api/v1/music/jobs/{id}/waveform?points={points}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var peaks = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        var frames = pcm.Length / 2;
        var samplesPerPixel = (int)Math.Ceiling((double)frames / points);
        var length = (frames + samplesPerPixel - 1) / samplesPerPixel;
        Assert.Equal(2, peaks.GetProperty("version").GetInt32());
        Assert.Equal(2, peaks.GetProperty("channels").GetInt32());
        Assert.Equal(48_000, peaks.GetProperty("sample_rate").GetInt32());
        Assert.Equal(16, peaks.GetProperty("bits").GetInt32());
        Assert.Equal(samplesPerPixel, peaks.GetProperty("samples_per_pixel").GetInt32());
        Assert.Equal(length, peaks.GetProperty("length").GetInt32());
        var data = peaks.GetProperty("data").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        Assert.Equal(length * 4, data.Length);
        for (var p = 0; p < length; p++)
        {
            for (var c = 0; c < 2; c++)
            {
                var slice = Enumerable.Range(p * samplesPerPixel, Math.Min(samplesPerPixel, frames - (p * samplesPerPixel))).Select(i => (int)pcm[(i * 2) + c]).ToArray();
                Assert.Equal(slice.Min(), data[((p * 2) + c) * 2]);
                Assert.Equal(slice.Max(), data[(((p * 2) + c) * 2) + 1]);
            }
        }
        Assert.EndsWith($"/waveform?index=0", job.GetProperty("outputs")[0].GetProperty("waveform_url").GetString());
    }

    [Theory]
    [InlineData("points=15", "points")]
    [InlineData("points=8193", "points")]
    [InlineData("points=many", "points")]
    [InlineData("index=8", "index")]
    public async Task A_bad_waveform_query_is_a_400_naming_the_field(string query, string field)
    {
        var job = await CompletedAsync("prompt2instrumental", """{"prompt": "soft ambient pad", "duration": 10, "seed": 62}""");
        using var response = await Server.Client.GetAsync($"/api/v1/music/jobs/{job.GetProperty("id").GetString()}/waveform?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Timed_lyrics_come_as_lrc_and_as_json_with_ordered_starts_and_ends()
    {
        var job = await CompletedAsync("text2music", """{"caption": "pop ballad, female vocals", "lyrics": "[verse]\nSoft light on the water\nSlow waves on the sand\n[chorus]\nHold on to the morning", "duration": 20, "seed": 63}""");
        var id = job.GetProperty("id").GetString()!;

        var lrc = await Server.Client.GetStringAsync($"/api/v1/music/jobs/{id}/lyrics");
        Assert.Equal(job.GetProperty("lrc_content").GetString() + "\n", lrc);

        var timed = JsonDocument.Parse(await Server.Client.GetStringAsync($"/api/v1/music/jobs/{id}/lyrics?format=json")).RootElement;
        var lines = timed.GetProperty("lines").EnumerateArray().ToArray();
        Assert.Equal(["Soft light on the water", "Slow waves on the sand", "Hold on to the morning"], lines.Select(l => l.GetProperty("text").GetString()));
        var duration = timed.GetProperty("duration").GetDouble();
        for (var i = 0; i < lines.Length; i++)
        {
            var start = lines[i].GetProperty("start").GetDouble();
            var end = lines[i].GetProperty("end").GetDouble();
            Assert.True(end > start && end <= duration, $"line {i}: {start}–{end} in {duration} s");
            if (i + 1 < lines.Length)
            {
                Assert.True(end <= lines[i + 1].GetProperty("start").GetDouble() + 0.05, $"line {i} runs into the next");
            }
        }
        Assert.EndsWith("/lyrics?index=0", job.GetProperty("outputs")[0].GetProperty("lyrics_url").GetString());
    }

    [Fact]
    public async Task An_instrumental_has_no_lyrics_and_a_bad_format_is_named()
    {
        var job = await CompletedAsync("prompt2instrumental", """{"prompt": "minimal techno", "duration": 10, "seed": 64}""");
        var id = job.GetProperty("id").GetString()!;

        using var none = await Server.Client.GetAsync($"/api/v1/music/jobs/{id}/lyrics");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("outputs")[0].GetProperty("lyrics_url").ValueKind);
        using var bad = await Server.Client.GetAsync($"/api/v1/music/jobs/{id}/lyrics?format=srt");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Analysis_measures_what_ffmpeg_measures_and_hears_the_requested_tempo_and_key()
    {
        var job = await CompletedAsync("prompt2instrumental", """{"prompt": "house groove, four on the floor", "duration": 30, "bpm": 124, "keyscale": "D minor", "seed": 65}""");
        var id = job.GetProperty("id").GetString()!;
        var analysis = job.GetProperty("outputs")[0].GetProperty("analysis");
        var reference = Loudness.Measure(await Server.Client.GetByteArrayAsync($"/api/v1/music/jobs/{id}/audio?format=flac"), "flac");

        Assert.InRange(analysis.GetProperty("integrated_lufs").GetDouble(), reference.IntegratedLufs - 0.3, reference.IntegratedLufs + 0.3);
        Assert.InRange(analysis.GetProperty("true_peak_dbtp").GetDouble(), reference.TruePeakDbtp - 0.5, reference.TruePeakDbtp + 0.5);
        Assert.InRange(analysis.GetProperty("duration").GetDouble(), 29.99, 30.01);
        Assert.InRange(analysis.GetProperty("tempo_bpm").GetDouble(), 124 * 0.98, 124 * 1.02);
        Assert.Equal("D minor", analysis.GetProperty("key").GetString());
    }

    [Fact]
    public async Task The_default_waveform_is_stored_at_completion_before_anyone_asks()
    {
        var job = await CompletedAsync("prompt2instrumental", """{"prompt": "warm synth pad", "duration": 10, "seed": 66}""");
        var id = job.GetProperty("id").GetString()!;
        var store = Server.Services.GetRequiredService<AudioMusic.Storage.IArtifactStore>();
        var key = AudioMusic.Grains.Waveforms.WaveformGrain.KeyFor(AudioMusic.Storage.ArtifactKeys.For(id, job.GetProperty("attempt").GetInt32(), 0, "flac"), 1000);

        Assert.NotNull(await store.GetInfoAsync(key, CancellationToken.None));
        var peaks = JsonDocument.Parse(await Server.Client.GetStringAsync($"/api/v1/music/jobs/{id}/waveform")).RootElement;
        Assert.Equal(480, peaks.GetProperty("samples_per_pixel").GetInt32());
        Assert.Equal(1000, peaks.GetProperty("length").GetInt32());
    }

    private async Task<JsonElement> CompletedAsync(string route, string body)
    {
        var id = (await Server.SubmitAsync(route, body)).GetProperty("id").GetString()!;
        return await Server.WaitForStatusAsync(id, "COMPLETED");
    }

    /// <summary>ffmpeg's 16-bit interleaved samples of a file: the values a 16-bit waveform must show.</summary>
    private static short[] DecodeInt16(byte[] flac)
    {
        using var file = TemporaryFile.With(flac, "flac");
        var result = ExternalTool.RunChecked("ffmpeg", ["-v", "error", "-nostdin", "-i", file.Path, "-f", "s16le", "-acodec", "pcm_s16le", "-"]);
        return MemoryMarshal.Cast<byte, short>(result.StandardOutput).ToArray();
    }
}
