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
    public void Without_settings_everything_stays_in_memory()
    {
        var (index, artifacts) = Resolve([]);

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
