using Orleans.Dashboard;
using AudioMusic.Grains.Webhooks;
using AudioMusic.Storage;
using AudioMusic.Storage.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace AudioMusic.Grains.Hosting;

/// <summary>An API host that is only a client of the cluster: it finds gateways through the same membership table
/// as the silos (PostgreSQL), or a localhost gateway for development, and keeps retrying until the cluster is up, so
/// API hosts and silos can start in any order.</summary>
public static class ClientHosting
{
    public static IClientBuilder AddAudioMusicClient(this IClientBuilder client, IConfiguration configuration)
    {
        var orleans = OrleansSettings.From(configuration);
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = orleans.ClusterId;
            o.ServiceId = orleans.ServiceId;
        });
        if (orleans.ConnectionString is null)
        {
            client.UseLocalhostClustering(orleans.GatewayPort, orleans.ServiceId, orleans.ClusterId);
        }
        else
        {
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = SiloHosting.AdoInvariant;
                o.ConnectionString = orleans.ConnectionString;
            });
        }
        client.UseConnectionRetryFilter(RetryUntilClusterIsUp);
        if (Telemetry.TelemetrySetup.IsTracing(configuration))
        {
            client.AddActivityPropagation();
        }
        if (configuration.GetValue("Dashboard:Enabled", true))
        {
            client.AddDashboard();
        }
        client.Services.AllowDatabaseExceptionsInResponses();
        return client;
    }

    /// <summary>Services an API host needs besides the grains: the artifact store its downloads stream from, which
    /// must be one the silos share (PostgreSQL or a shared filesystem).</summary>
    public static IServiceCollection AddAudioMusicClientServices(this IServiceCollection services, IConfiguration configuration)
    {
        var options = StorageServiceCollectionExtensions.ReadOptions(configuration);
        if (options.Provider == StorageProvider.Sqlite)
        {
            // A client of a one-box silo on this machine: the silo owns (and locks) the library, and the client, which
            // reads no index and writes nothing, streams the audio files beside it.
            options.Provider = StorageProvider.Memory;
            options.Artifacts ??= ArtifactStorageKind.FileSystem;
            options.ArtifactsPath ??= Path.Combine(options.DataDirectory ?? LocalLibrary.DefaultDirectory, LocalLibrary.ArtifactsFolderName);
        }
        // The API host checks callback URLs (and that a signing secret is set) before a job exists.
        services.AddWebhooks(configuration);
        return services.AddAudioMusicStorage(options);
    }

    private static async Task<bool> RetryUntilClusterIsUp(Exception exception, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }
}
