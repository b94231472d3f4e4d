using Microsoft.Data.Sqlite;

namespace AudioMusic.Storage.Sqlite;

/// <summary>Serialized grain states in the one-box library (table <c>grain_states</c>), with the optimistic concurrency a
/// database gives: a write names the ETag it read, and fails if the row changed since.</summary>
public sealed class SqliteGrainStates
{
    private readonly SqliteDatabase _database;

    public SqliteGrainStates(SqliteDatabase database) => _database = database;

    public StoredGrainState? Read(string stateName, string grainId) =>
        _database.Read(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT data, etag FROM grain_states WHERE state_name = $name AND grain_id = $id";
            command.Parameters.AddWithValue("$name", stateName);
            command.Parameters.AddWithValue("$id", grainId);
            using var reader = command.ExecuteReader();
            return reader.Read() ? new StoredGrainState((byte[])reader.GetValue(0), reader.GetString(1)) : null;
        });

    /// <summary>Writes the state when the stored ETag is <paramref name="expectedETag"/> (null: no row yet) and returns
    /// the new ETag; otherwise returns a conflict with the ETag found (null: no row).</summary>
    public Task<GrainStateWrite> WriteAsync(string stateName, string grainId, string? expectedETag, byte[] data, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            // Random ETags: a row deleted and written again never repeats one, so a stale writer cannot slip through.
            var etag = Guid.NewGuid().ToString("N");
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = expectedETag is null
                ? "INSERT INTO grain_states (state_name, grain_id, etag, data) VALUES ($name, $id, $etag, $data) ON CONFLICT DO NOTHING"
                : "UPDATE grain_states SET etag = $etag, data = $data WHERE state_name = $name AND grain_id = $id AND etag = $expected";
            command.Parameters.AddWithValue("$name", stateName);
            command.Parameters.AddWithValue("$id", grainId);
            command.Parameters.AddWithValue("$etag", etag);
            command.Parameters.AddWithValue("$data", data);
            if (expectedETag is not null)
            {
                command.Parameters.AddWithValue("$expected", expectedETag);
            }
            return command.ExecuteNonQuery() == 1
                ? new GrainStateWrite(true, etag)
                : new GrainStateWrite(false, CurrentETag(connection, transaction, stateName, grainId));
        }, cancellationToken);

    /// <summary>Deletes the row when its ETag is <paramref name="expectedETag"/>; otherwise returns a conflict.</summary>
    public Task<GrainStateWrite> DeleteAsync(string stateName, string grainId, string expectedETag, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM grain_states WHERE state_name = $name AND grain_id = $id AND etag = $expected";
            command.Parameters.AddWithValue("$name", stateName);
            command.Parameters.AddWithValue("$id", grainId);
            command.Parameters.AddWithValue("$expected", expectedETag);
            return command.ExecuteNonQuery() == 1
                ? new GrainStateWrite(true, null)
                : new GrainStateWrite(false, CurrentETag(connection, transaction, stateName, grainId));
        }, cancellationToken);

    private static string? CurrentETag(SqliteConnection connection, SqliteTransaction transaction, string stateName, string grainId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT etag FROM grain_states WHERE state_name = $name AND grain_id = $id";
        command.Parameters.AddWithValue("$name", stateName);
        command.Parameters.AddWithValue("$id", grainId);
        return command.ExecuteScalar() as string;
    }
}

public sealed record StoredGrainState(byte[] Data, string ETag);

/// <summary>The outcome of a conditional write: the new ETag when it succeeded, the ETag found when it conflicted.</summary>
public sealed record GrainStateWrite(bool Succeeded, string? ETag);
