using AudioMusic.Storage.FileSystem;
using AudioMusic.Storage.Memory;
using AudioMusic.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace AudioMusic.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IJobIndex"/> and <see cref="IArtifactStore"/> as configured by the "Storage"
    /// section. A connection string "ConnectionStrings:AudioMusic" alone switches both to PostgreSQL (it also fills in
    /// Storage:ConnectionString); "Storage:Artifacts" can still send artifacts elsewhere.</summary>
    public static IServiceCollection AddAudioMusicStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var clusterConnectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(clusterConnectionString))
        {
            options.Provider = StorageProvider.Postgres;
            options.ConnectionString ??= clusterConnectionString;
        }
        return services.AddAudioMusicStorage(options);
    }

    public static IServiceCollection AddAudioMusicStorage(this IServiceCollection services, StorageOptions options)
    {
        var artifacts = options.Artifacts ?? (options.Provider == StorageProvider.Postgres ? ArtifactStorageKind.Postgres : ArtifactStorageKind.Memory);
        var needsDatabase = options.Provider == StorageProvider.Postgres || artifacts == ArtifactStorageKind.Postgres;
        if (needsDatabase && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException(
                "PostgreSQL storage needs a connection string: set ConnectionStrings:AudioMusic or Storage:ConnectionString.");
        }
        if (artifacts == ArtifactStorageKind.FileSystem && string.IsNullOrWhiteSpace(options.ArtifactsPath))
        {
            throw new InvalidOperationException("Storage:Artifacts = FileSystem needs Storage:ArtifactsPath (the shared directory).");
        }

        services.TryAddSingleton(TimeProvider.System);
        if (needsDatabase)
        {
            services.TryAddSingleton(_ => NpgsqlDataSource.Create(PostgresConnectionStrings.WithPoolLimit(options.ConnectionString!)));
        }

        if (options.Provider == StorageProvider.Postgres)
        {
            services.AddSingleton<IJobIndex>(sp => new PostgresJobIndex(sp.GetRequiredService<NpgsqlDataSource>()));
        }
        else
        {
            services.AddSingleton<IJobIndex, MemoryJobIndex>();
        }

        switch (artifacts)
        {
            case ArtifactStorageKind.Postgres:
                services.AddSingleton<IArtifactStore>(sp =>
                    new PostgresArtifactStore(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>()));
                break;
            case ArtifactStorageKind.FileSystem:
                services.AddSingleton<IArtifactStore>(_ => new FileSystemArtifactStore(options.ArtifactsPath!));
                break;
            default:
                services.AddSingleton<IArtifactStore>(sp => new MemoryArtifactStore(sp.GetRequiredService<TimeProvider>()));
                break;
        }
        return services;
    }
}
