namespace AudioMusic.ApiHost.Access;

/// <summary>Says at start what the access rules are, and warns when a reachable host runs without keys.</summary>
public sealed partial class AccessStartupNotice(AccessOptions options, AdminKey admin, string? exposure, ILogger<AccessStartupNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Mode == AuthMode.None && exposure is not null)
        {
            LogOpen(exposure);
        }
        else if (options.Mode == AuthMode.ApiKeys && !admin.IsConfigured)
        {
            LogNoAdmin();
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Auth:Mode is None and this host {Exposure}: anyone who reaches it can read, make and delete every job")]
    private partial void LogOpen(string exposure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Auth:Mode is ApiKeys without Auth:AdminKey or Auth:AdminKeyHash: existing keys work, but none can be made or revoked")]
    private partial void LogNoAdmin();
}
