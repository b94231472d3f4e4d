using AudioMusic.Storage.FileSystem;
using AudioMusic.Storage.Local;
using AudioMusic.Storage.Memory;
using AudioMusic.Storage.Postgres;
using AudioMusic.Storage.Sqlite;
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
    public static IServiceCollection AddAudioMusicStorage(this IServiceCollection services, IConfiguration configuration) =>
        services.AddAudioMusicStorage(ReadOptions(configuration));

    /// <summary>The "Storage" section, with the cluster connection string applied.</summary>
    public static StorageOptions ReadOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var clusterConnectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(clusterConnectionString))
        {
            options.Provider = StorageProvider.Postgres;
            options.ConnectionString ??= clusterConnectionString;
        }
        return options;
    }

    /// <summary>Registers the stores. For <see cref="StorageProvider.Sqlite"/> this opens (and locks) the library at
    /// once, so a second process on the same library fails here with <see cref="LibraryInUseException"/>, before it
    /// starts anything.</summary>
    public static IServiceCollection AddAudioMusicStorage(this IServiceCollection services, StorageOptions options)
    {
        var artifacts = options.Artifacts ?? options.Provider switch
        {
            StorageProvider.Postgres => ArtifactStorageKind.Postgres,
            StorageProvider.Sqlite => ArtifactStorageKind.FileSystem,
            _ => ArtifactStorageKind.Memory,
        };
        var needsDatabase = options.Provider == StorageProvider.Postgres || artifacts == ArtifactStorageKind.Postgres;
        if (needsDatabase && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException(
                "PostgreSQL storage needs a connection string: set ConnectionStrings:AudioMusic or Storage:ConnectionString.");
        }
        if (artifacts == ArtifactStorageKind.FileSystem && options.Provider != StorageProvider.Sqlite && string.IsNullOrWhiteSpace(options.ArtifactsPath))
        {
            throw new InvalidOperationException("Storage:Artifacts = FileSystem needs Storage:ArtifactsPath (the shared directory).");
        }

        services.TryAddSingleton(TimeProvider.System);
        if (needsDatabase)
        {
            services.TryAddSingleton(_ => NpgsqlDataSource.Create(PostgresConnectionStrings.WithPoolLimit(options.ConnectionString!)));
        }

        LocalLibrary? library = null;
        switch (options.Provider)
        {
            case StorageProvider.Postgres:
                services.AddSingleton<IJobIndex>(sp => new PostgresJobIndex(sp.GetRequiredService<NpgsqlDataSource>()));
                break;
            case StorageProvider.Sqlite:
                library = LocalLibrary.Open(options.DataDirectory);
                // A factory rather than the instance: the container then disposes it (and so unlocks the library).
                services.AddSingleton(_ => library);
                services.AddSingleton(sp => sp.GetRequiredService<LocalLibrary>().Database);
                services.AddSingleton<IJobIndex>(sp => new SqliteJobIndex(sp.GetRequiredService<SqliteDatabase>()));
                services.AddSingleton(sp => new SqliteGrainStates(sp.GetRequiredService<SqliteDatabase>()));
                services.AddSingleton(sp => new SqliteReminderRows(sp.GetRequiredService<SqliteDatabase>()));
                break;
            default:
                services.AddSingleton<IJobIndex, MemoryJobIndex>();
                break;
        }

        switch (artifacts)
        {
            case ArtifactStorageKind.Postgres:
                services.AddSingleton<IArtifactStore>(sp =>
                    new PostgresArtifactStore(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>()));
                break;
            case ArtifactStorageKind.FileSystem:
                var root = string.IsNullOrWhiteSpace(options.ArtifactsPath) ? library!.ArtifactsPath : options.ArtifactsPath;
                services.AddSingleton<IArtifactStore>(_ => new FileSystemArtifactStore(root));
                break;
            default:
                services.AddSingleton<IArtifactStore>(sp => new MemoryArtifactStore(sp.GetRequiredService<TimeProvider>()));
                break;
        }
        return services;
    }
}
