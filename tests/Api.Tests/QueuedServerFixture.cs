namespace AudioMusic.Api.Tests;

/// <summary>A server without devices: jobs are accepted and wait, which is what validation, queue and listing tests need.</summary>
public sealed class QueuedServerFixture : IAsyncLifetime
{
    public ApiServer Server { get; private set; } = null!;

    public Task InitializeAsync() => Init();

    private async Task Init() => Server = await ApiServer.StartAsync(new Dictionary<string, string>
    {
        ["Devices:CpuCount"] = "0",
        ["Queue:Capacity"] = "25",
    });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>A server with one CPU device running the built-in engine.</summary>
public sealed class WorkingServerFixture : IAsyncLifetime
{
    public ApiServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
