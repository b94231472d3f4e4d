using AudioMusic.Storage.Local;
using AudioMusic.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace AudioMusic.Storage.Tests;

/// <summary>The one-box library's folder: one process at a time, a versioned schema, and a layout a user can back up.</summary>
public sealed class LocalLibraryTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("audiomusic-library-");

    [Fact]
    public void A_new_library_has_its_database_artifacts_folder_and_the_latest_schema()
    {
        var path = Path.Combine(_directory.FullName, "nested", "library");
        using (var library = LocalLibrary.Open(path))
        {
            Assert.Equal(path, library.Directory);
            Assert.True(File.Exists(Path.Combine(path, LocalLibrary.DatabaseFileName)));
            Assert.True(Directory.Exists(library.ArtifactsPath));
            Assert.True(SqliteSchema.LatestVersion >= 1);
            Assert.Equal(SqliteSchema.LatestVersion, library.Database.Read(SqliteSchema.ReadVersion));
            Assert.Equal("wal", library.Database.Read(c => Scalar(c, "PRAGMA journal_mode")));
        }
        // Opening it again applies nothing twice.
        using var again = LocalLibrary.Open(path);
        Assert.Equal(SqliteSchema.LatestVersion, again.Database.Read(SqliteSchema.ReadVersion));
    }

    [Fact]
    public void A_second_opener_is_refused_until_the_first_closes()
    {
        var first = LocalLibrary.Open(_directory.FullName);
        var refused = Assert.Throws<LibraryInUseException>(() => LocalLibrary.Open(_directory.FullName));
        Assert.Contains(_directory.FullName, refused.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:DataDirectory", refused.Message, StringComparison.Ordinal);

        first.Dispose();
        using var second = LocalLibrary.Open(_directory.FullName);
    }

    [Fact]
    public async Task A_library_from_a_newer_build_is_refused_rather_than_misread()
    {
        using (var library = LocalLibrary.Open(_directory.FullName))
        {
            await library.Database.WriteAsync((c, t) =>
            {
                using var command = c.CreateCommand();
                command.Transaction = t;
                command.CommandText = $"PRAGMA user_version = {SqliteSchema.LatestVersion + 1}";
                command.ExecuteNonQuery();
            }, CancellationToken.None);
        }
        var refused = Assert.Throws<LibraryException>(() => LocalLibrary.Open(_directory.FullName));
        Assert.Contains("newer than this build", refused.Message, StringComparison.Ordinal);
        // The refusal let go of the lock: opening again meets the same refusal, not the lock.
        Assert.Throws<LibraryException>(() => LocalLibrary.Open(_directory.FullName));
    }

    [Fact]
    public void A_file_that_is_not_a_library_database_is_refused_in_one_clear_message()
    {
        File.WriteAllText(Path.Combine(_directory.FullName, LocalLibrary.DatabaseFileName), "this is not a SQLite database, it is a note");
        var refused = Assert.Throws<LibraryException>(() => LocalLibrary.Open(_directory.FullName));
        Assert.Contains("cannot be opened", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:DataDirectory", refused.Message, StringComparison.Ordinal);
        // Nothing was written over the file, and the lock was let go.
        Assert.StartsWith("this is not", File.ReadAllText(Path.Combine(_directory.FullName, LocalLibrary.DatabaseFileName)), StringComparison.Ordinal);
        Assert.Throws<LibraryException>(() => LocalLibrary.Open(_directory.FullName));
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}
