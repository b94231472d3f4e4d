namespace AudioMusic.Api.Tests;

/// <summary>A host others can reach does not start open by accident: beyond loopback, or as a cluster's API host, it
/// wants Auth:Mode said out loud; a malformed admin key stops it too.</summary>
public sealed class AccessStartupTests
{
    [Theory]
    [InlineData("urls", "http://0.0.0.0:0", "listens on http://0.0.0.0:0")]
    [InlineData("urls", "http://*:0", "listens on http://*:0")]
    [InlineData("Hosting:Mode", "Client", "serves a cluster")]
    public async Task A_reachable_host_without_an_auth_mode_refuses_to_start(string key, string value, string reason)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ApiServer.StartAsync(new Dictionary<string, string> { [key] = value }));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:Mode=ApiKeys", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Said_out_loud_it_starts_and_a_short_admin_key_stops_it()
    {
        var open = AudioMusic.ApiHost.Hosting.ApiHostApp.Build(
            ["--urls=http://0.0.0.0:0", "--Auth:Mode=None", "--Storage:Provider=Memory", "--Logging:LogLevel:Default=Error", $"--Orleans:ClusterId=open-{Guid.NewGuid():N}"]);
        await open.StartAsync();
        await open.StopAsync();
        await open.DisposeAsync();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ApiServer.StartAsync(new Dictionary<string, string>
        {
            ["Auth:Mode"] = "ApiKeys",
            ["Auth:AdminKey"] = "too-short",
        }));
        Assert.Contains("Auth:AdminKey must be at least 32 characters", error.Message, StringComparison.Ordinal);
    }
}
