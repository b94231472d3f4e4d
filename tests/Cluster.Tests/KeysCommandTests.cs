using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace AudioMusic.Cluster.Tests;

/// <summary>The silo's <c>keys create</c> verb makes an operator's first key before the service runs: the one-box host
/// started afterwards with keys on takes it, with its tenant and limits, and the library holds only its hash.</summary>
public sealed partial class KeysCommandTests(ITestOutputHelper output) : IDisposable
{
    private readonly OneBoxLibrary _library = new("audiomusic-keys-");
    private readonly List<HostProcess> _processes = [];

    [Fact]
    public async Task A_key_made_before_the_first_start_works_once_the_host_runs()
    {
        var made = HostProcess.Start("keys", BuildOutputs.SiloDll,
            ["keys", "create", "--Key:Name=first key", "--Key:Tenant=acme", "--Key:MaxQueuedJobs=3", $"--Storage:DataDirectory={_library.Path}"]);
        _processes.Add(made);
        Assert.True(await made.WaitForExitAsync(TimeSpan.FromSeconds(60)) == 0, made.Log);
        var key = KeyLine().Match(made.Log).Groups[1].Value;
        Assert.StartsWith("am_", key, StringComparison.Ordinal);

        var bad = HostProcess.Start("keys-bad", BuildOutputs.SiloDll, ["keys", "create", "--Key:Tenant=anonymous", $"--Storage:DataDirectory={_library.Path}"]);
        _processes.Add(bad);
        Assert.Equal(2, await bad.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("--Key:Name", bad.Log, StringComparison.Ordinal);
        Assert.Contains("--Key:Tenant", bad.Log, StringComparison.Ordinal);

        var host = _library.Start("--Auth:Mode=ApiKeys");
        try
        {
            await host.WaitForReadyAsync(TimeSpan.FromSeconds(60));
            using var none = await host.Http.GetAsync("/api/v1/usage");
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/usage");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
            using var usage = await host.Http.SendAsync(request);
            var body = JsonDocument.Parse(await usage.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(HttpStatusCode.OK, usage.StatusCode);
            Assert.Equal("acme", body.GetProperty("tenant").GetString());
            Assert.Equal(3, body.GetProperty("limits").GetProperty("max_queued_jobs").GetInt32());
        }
        catch
        {
            _library.WriteLogs(output);
            throw;
        }
    }

    [GeneratedRegex(@"^key: (am_\S+)$", RegexOptions.Multiline)]
    private static partial Regex KeyLine();

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }
        _library.Dispose();
    }
}
