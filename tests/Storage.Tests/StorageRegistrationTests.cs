using AudioMusic.Storage.FileSystem;
using AudioMusic.Storage.Memory;
using AudioMusic.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AudioMusic.Storage.Tests;

public sealed class StorageRegistrationTests
{
    private const string ConnectionString = "Host=127.0.0.1;Port=1;Database=unused;Username=unused";

    private static (IJobIndex Index, IArtifactStore Artifacts) Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        // Resolving creates the stores but opens no connection, so no server is needed here.
        using var provider = new ServiceCollection().AddAudioMusicStorage(configuration).BuildServiceProvider();
        return (provider.GetRequiredService<IJobIndex>(), provider.GetRequiredService<IArtifactStore>());
    }

    [Fact]
    public void Without_a_provider_jobs_and_audio_go_to_the_one_box_library()
    {
        var directory = Directory.CreateTempSubdirectory("audiomusic-registration-");
        try
        {
            var (index, artifacts) = Resolve(new() { ["Storage:DataDirectory"] = directory.FullName });

            Assert.IsType<Sqlite.SqliteJobIndex>(index);
            Assert.IsType<FileSystemArtifactStore>(artifacts);
            Assert.True(File.Exists(Path.Combine(directory.FullName, Local.LocalLibrary.DatabaseFileName)));
            Assert.True(Directory.Exists(Path.Combine(directory.FullName, Local.LocalLibrary.ArtifactsFolderName)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_default_library_is_in_the_users_data_folder()
    {
        Assert.Equal(
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "AudioMusic"),
            Local.LocalLibrary.DefaultDirectory);
    }

    [Fact]
    public void The_memory_provider_keeps_everything_in_the_process()
    {
        var (index, artifacts) = Resolve(new() { ["Storage:Provider"] = "Memory" });

        Assert.IsType<MemoryJobIndex>(index);
        Assert.IsType<MemoryArtifactStore>(artifacts);
    }

    [Fact]
    public void The_cluster_connection_string_alone_switches_both_to_postgres()
    {
        var (index, artifacts) = Resolve(new() { ["ConnectionStrings:AudioMusic"] = ConnectionString });

        Assert.IsType<PostgresJobIndex>(index);
        Assert.IsType<PostgresArtifactStore>(artifacts);
    }

    [Fact]
    public void Artifacts_can_go_to_a_shared_directory_while_the_index_is_in_postgres()
    {
        var root = Path.Combine(Path.GetTempPath(), "audiomusic-registration-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (index, artifacts) = Resolve(new()
            {
                ["Storage:Provider"] = "Postgres",
                ["Storage:ConnectionString"] = ConnectionString,
                ["Storage:Artifacts"] = "FileSystem",
                ["Storage:ArtifactsPath"] = root,
            });

            Assert.IsType<PostgresJobIndex>(index);
            Assert.IsType<FileSystemArtifactStore>(artifacts);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Postgres_artifacts_beside_an_in_memory_index_are_allowed()
    {
        var (index, artifacts) = Resolve(new()
        {
            ["Storage:Provider"] = "Memory",
            ["Storage:Artifacts"] = "Postgres",
            ["Storage:ConnectionString"] = ConnectionString,
        });

        Assert.IsType<MemoryJobIndex>(index);
        Assert.IsType<PostgresArtifactStore>(artifacts);
    }

    [Theory]
    [InlineData("Postgres", null, null, "connection string")]
    [InlineData("Memory", "FileSystem", null, "ArtifactsPath")]
    public void Incomplete_settings_are_refused_with_the_missing_key(string provider, string? artifacts, string? path, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Resolve(new()
        {
            ["Storage:Provider"] = provider,
            ["Storage:Artifacts"] = artifacts,
            ["Storage:ArtifactsPath"] = path,
        }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
