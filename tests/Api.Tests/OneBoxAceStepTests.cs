using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioMusic.Engines.AceStep.Pipeline;

namespace AudioMusic.Api.Tests;

/// <summary>The embedded default offers ACE-Step as a standalone silo does (<c>Engines:AceStep:WeightsDirectory</c>):
/// with an empty, a partial, or a complete weights directory in a build without libtorch, the engine is listed as
/// unavailable with the reason, and a request for it is a 400 naming <c>model</c>.</summary>
public sealed class OneBoxAceStepTests : IDisposable
{
    private const string Turbo = "acestep-v15-turbo";
    private readonly DirectoryInfo _weights = Directory.CreateTempSubdirectory("audiomusic-weights-");

    public void Dispose() => _weights.Delete(recursive: true);

    [Fact]
    public async Task An_empty_weights_directory_lists_the_engine_as_unavailable_with_what_is_missing()
    {
        var reason = await UnavailableReasonAsync();
        Assert.Contains($"ACE-Step weights in '{_weights.FullName}' are incomplete", reason, StringComparison.Ordinal);
        Assert.Contains($"{Turbo}/model.safetensors", reason, StringComparison.Ordinal);
        Assert.Contains("vae/diffusion_pytorch_model.safetensors", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partial_weights_directory_names_the_parts_still_missing()
    {
        Write(Path.Combine(Turbo, "config.json"));
        Write(Path.Combine(Turbo, "model.safetensors"));
        var reason = await UnavailableReasonAsync();
        Assert.DoesNotContain($"{Turbo}/model.safetensors", reason, StringComparison.Ordinal);
        Assert.Contains($"{Turbo}/silence_latent.pt", reason, StringComparison.Ordinal);
        Assert.Contains("vae/config.json", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_weights_in_a_build_without_libtorch_say_how_to_build_with_it()
    {
        var layout = new WeightsLayout(_weights.FullName, Turbo);
        foreach (var (path, _) in layout.RequiredFiles())
        {
            Write(path);
        }
        Write(Path.Combine(layout.DiTDirectory, "model.safetensors"));
        Write(Path.Combine(layout.VaeDirectory, "diffusion_pytorch_model.safetensors"));
        Write(Path.Combine(layout.TextEncoderDirectory, "model.safetensors"));
        var reason = await UnavailableReasonAsync();
        Assert.Contains("(this build's TorchBackend: none)", reason, StringComparison.Ordinal);
        Assert.Contains("-p:TorchBackend=cpu or -p:TorchBackend=cuda", reason, StringComparison.Ordinal);
    }

    /// <summary>Starts the embedded default on the weights directory; returns the engine's reason, after checking that a
    /// request for it is refused naming the field.</summary>
    private async Task<string> UnavailableReasonAsync()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string> { ["Engines:AceStep:WeightsDirectory"] = _weights.FullName });
        var status = await server.Client.GetFromJsonAsync<JsonElement>("/api/v1/music/model/status");
        var engine = status.GetProperty("engines").EnumerateArray().Single(e => e.GetProperty("name").GetString() == Turbo);
        Assert.Empty(engine.GetProperty("available_on").EnumerateArray());
        var reason = Assert.Single(engine.GetProperty("unavailable_reasons").EnumerateArray().Select(r => r.GetString()).Distinct())!;

        using var refused = await server.PostJsonAsync("/api/v1/music/text2music", $$"""{"caption": "neural pop", "model": "{{Turbo}}"}""");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("/problems/unservable", problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("model", out _), problem.ToString());
        return reason;
    }

    private void Write(string relativeOrFull)
    {
        var path = Path.Combine(_weights.FullName, relativeOrFull);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, []);
    }
}
