using Microsoft.Data.Sqlite;

namespace AudioMusic.Storage.Sqlite;

/// <summary>The one-box library's SQLite file: opens connections with the settings every caller needs, lets one writer
/// at a time in, and brings the schema up to this build's version when it is created.</summary>
/// <remarks>The database runs in WAL mode: readers never wait for the writer, and a commit is one append to the log.
/// With <c>synchronous = NORMAL</c> a commit survives the process being killed (the log is in the OS's hands), and a
/// power cut can lose the last commits but never corrupts the file. Every write goes through one
/// <see cref="SqliteWriter"/> (one connection, group commit), so writes queue instead of failing with SQLITE_BUSY;
/// only one process ever writes (the data directory's lock sees to that).</remarks>
public sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private SqliteWriter? _writer;

    private SqliteDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Seconds a statement waits for a lock before failing: only a checkpoint or a reader of an old snapshot
            // can hold one briefly.
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>Opens (creating when absent) the database at <paramref name="path"/> and applies the schema scripts
    /// it has not seen yet.</summary>
    public static SqliteDatabase Open(string path)
    {
        var database = new SqliteDatabase(path);
        using var connection = database.OpenWriterConnection();
        using (var wal = connection.CreateCommand())
        {
            // Persistent: recorded in the file, so every later connection is in WAL mode too.
            wal.CommandText = "PRAGMA journal_mode = WAL";
            wal.ExecuteNonQuery();
        }
        SqliteSchema.Migrate(connection);
        database._writer = new SqliteWriter(database.OpenWriterConnection());
        return database;
    }

    /// <summary>A connection for reading (from the pool): it sees the last committed state.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>How durable a commit is belongs to the connection that commits; readers need no setting.</summary>
    private SqliteConnection OpenWriterConnection()
    {
        var connection = OpenConnection();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA synchronous = NORMAL";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Runs <paramref name="write"/> on the writer's connection, inside the transaction of the batch it joins;
    /// the task completes once that transaction is committed.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken cancellationToken) =>
        (_writer ?? throw new ObjectDisposedException(nameof(SqliteDatabase))).WriteAsync(write, cancellationToken);

    public Task WriteAsync(Action<SqliteConnection, SqliteTransaction> write, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) =>
        {
            write(connection, transaction);
            return true;
        }, cancellationToken);

    /// <summary>Runs <paramref name="read"/> on a connection of its own; it sees the last committed state.</summary>
    public T Read<T>(Func<SqliteConnection, T> read)
    {
        using var connection = OpenConnection();
        return read(connection);
    }

    public void Dispose()
    {
        // Writes already queued are committed first.
        _writer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _writer = null;
        // Pooled connections keep the file open (and its WAL unmerged) until the pool lets them go.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
