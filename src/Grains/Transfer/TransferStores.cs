using AudioMusic.Grains.Hosting;
using AudioMusic.Grains.Hosting.Sqlite;
using AudioMusic.Storage;
using AudioMusic.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace AudioMusic.Grains.Transfer;

/// <summary>The stores of the configured library or cluster, opened without starting a silo: the job index, the
/// artifact store, and the very grain-storage provider a silo would use (SQLite, or Orleans' ADO.NET provider on
/// PostgreSQL with the cluster's service id), so what export reads and import writes is what silos read and write.</summary>
public sealed class TransferStores : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TransferStores(ServiceProvider services, IGrainStorage grains)
    {
        _services = services;
        Grains = grains;
    }

    public IGrainStorage Grains { get; }

    public IJobIndex Index => _services.GetRequiredService<IJobIndex>();

    public IArtifactStore Artifacts => _services.GetRequiredService<IArtifactStore>();

    public IGrainStorageSerializer Serializer => _services.GetRequiredService<IGrainStorageSerializer>();

    public TimeProvider Time => _services.GetRequiredService<TimeProvider>();

    /// <summary>Opens what the configuration names; for the one-box library this takes its lock, so a running host
    /// and an export or import never overlap.</summary>
    public static async Task<TransferStores> OpenAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var storage = StorageServiceCollectionExtensions.ReadOptions(configuration);
        if (storage.Provider == StorageProvider.Memory)
        {
            throw new InvalidOperationException("Storage:Provider=Memory keeps nothing between processes: export from, or import into, a library or a cluster.");
        }
        var services = new ServiceCollection()
            .AddLogging()
            .AddSerializer()
            .AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>()
            .AddAudioMusicStorage(storage)
            .BuildServiceProvider();
        try
        {
            var serializer = services.GetRequiredService<IGrainStorageSerializer>();
            IGrainStorage grains = storage.Provider == StorageProvider.Sqlite
                ? new SqliteGrainStorage(services.GetRequiredService<SqliteGrainStates>(), serializer)
                : await OpenAdoNetAsync(services, OrleansSettings.From(configuration), storage.ConnectionString!, serializer, cancellationToken).ConfigureAwait(false);
            return new TransferStores(services, grains);
        }
        catch
        {
            await services.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<IGrainStorage> OpenAdoNetAsync(IServiceProvider services, OrleansSettings orleans, string connectionString,
        IGrainStorageSerializer serializer, CancellationToken cancellationToken)
    {
        var storage = new AdoNetGrainStorage(
            services.GetRequiredService<IActivatorProvider>(),
            services.GetRequiredService<ILogger<AdoNetGrainStorage>>(),
            Options.Create(new AdoNetGrainStorageOptions
            {
                Invariant = SiloHosting.AdoInvariant,
                ConnectionString = connectionString,
                GrainStorageSerializer = serializer,
            }),
            Options.Create(new ClusterOptions { ClusterId = orleans.ClusterId, ServiceId = orleans.ServiceId }),
            StorageNames.Jobs);
        var lifecycle = new StartOnlyLifecycle();
        storage.Participate(lifecycle);
        await lifecycle.StartAsync(cancellationToken).ConfigureAwait(false);
        return storage;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
