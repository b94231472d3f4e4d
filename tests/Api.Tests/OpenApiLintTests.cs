using System.Diagnostics;
using AudioMusic.TestSupport;

namespace AudioMusic.Api.Tests;

/// <summary>The served document passes Spectral's OpenAPI ruleset (<c>spectral:oas</c>, see .spectral.yaml) with no
/// error and no warning. scripts/test.sh installs Spectral from npm into tools/spectral (pinned by its package-lock.json); without it the test is skipped
/// locally and fails under CI.</summary>
public sealed class OpenApiLintTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [SkippableFact]
    public async Task The_document_passes_spectral_oas_without_a_warning()
    {
        var root = Checkout.Root;
        var spectral = Path.Combine(root, "tools", "spectral", "node_modules", ".bin", "spectral");
        if (!File.Exists(spectral))
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") is null, $"Spectral is not installed at {spectral} (scripts/test.sh installs it)");
            Skip.If(true, "Spectral is not installed; run scripts/test.sh once, or npm ci in tools/spectral");
        }
        var document = Path.Combine(Path.GetTempPath(), $"audiomusic-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await _server.Client.GetStringAsync("/openapi/v1.json"));
        try
        {
            var info = new ProcessStartInfo(spectral)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = root,
            };
            foreach (var argument in new[] { "lint", document, "--ruleset", Path.Combine(root, ".spectral.yaml"), "--fail-severity", "warn", "--format", "text" })
            {
                info.ArgumentList.Add(argument);
            }
            using var process = Process.Start(info)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"spectral lint found problems:\n{output}\n{errors}");
        }
        finally
        {
            File.Delete(document);
        }
    }
}
