using AudioMusic.Storage.Sqlite;

namespace AudioMusic.Storage.Local;

/// <summary>The one-box library: a data directory holding the SQLite database (grain states, reminders, the job index)
/// and the audio files (<c>artifacts/</c>). One process writes a library at a time: opening it takes an exclusive lock
/// on <c>library.lock</c>, which the operating system releases when the process ends, however it ends.</summary>
public sealed class LocalLibrary : IDisposable
{
    public const string DatabaseFileName = "audiomusic.db";
    public const string ArtifactsFolderName = "artifacts";
    private const string LockFileName = "library.lock";

    private readonly FileStream _lock;

    private LocalLibrary(string directory, FileStream lockFile, SqliteDatabase database)
    {
        Directory = directory;
        _lock = lockFile;
        Database = database;
    }

    public string Directory { get; }

    public string ArtifactsPath => Path.Combine(Directory, ArtifactsFolderName);

    public SqliteDatabase Database { get; }

    /// <summary>The per-user data folder (on Linux <c>$XDG_DATA_HOME/AudioMusic</c>, by default
    /// <c>~/.local/share/AudioMusic</c>; on Windows <c>%LOCALAPPDATA%\AudioMusic</c>; on macOS
    /// <c>~/Library/Application Support/AudioMusic</c>).</summary>
    public static string DefaultDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "AudioMusic");

    /// <summary>Creates the directory when absent, locks it, and opens (or creates) its database.</summary>
    /// <exception cref="LibraryInUseException">Another process has the library open.</exception>
    public static LocalLibrary Open(string? directory)
    {
        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(directory) ? DefaultDirectory : directory);
        try
        {
            System.IO.Directory.CreateDirectory(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LibraryException($"Cannot use {path} as the library folder: {ex.Message} Choose one this user may write with --Storage:DataDirectory=<folder>.", ex);
        }
        FileStream lockFile;
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Unix and a share-mode lock on Windows.
            lockFile = new FileStream(Path.Combine(path, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new LibraryInUseException(path, ex);
        }
        try
        {
            System.IO.Directory.CreateDirectory(Path.Combine(path, ArtifactsFolderName));
            return new LocalLibrary(path, lockFile, SqliteDatabase.Open(Path.Combine(path, DatabaseFileName)));
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            lockFile.Dispose();
            throw new LibraryException($"The library database in {path} cannot be opened: {ex.Message} (restore it from a backup or an export, or start with another --Storage:DataDirectory).", ex);
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Database.Dispose();
        _lock.Dispose();
    }
}

/// <summary>The library cannot be used, and the message says why and what to do: hosts print it as their one line
/// and stop.</summary>
public class LibraryException(string message, Exception? inner = null) : IOException(message, inner);

/// <summary>The library's lock is held by another process: one writer per library.</summary>
public sealed class LibraryInUseException(string directory, Exception inner) : LibraryException(
    $"The library in {directory} is in use by another AudioMusic process (one process per library). Stop that process, " +
    "or give this one a library of its own with --Storage:DataDirectory=<folder>.", inner);
