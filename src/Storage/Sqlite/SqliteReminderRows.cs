using Microsoft.Data.Sqlite;

namespace AudioMusic.Storage.Sqlite;

/// <summary>Reminder rows of the one-box library (table <c>reminders</c>), so a reminder registered before a restart
/// fires after it. Orleans-free: the silo's reminder table adapts these rows to its own types.</summary>
public sealed class SqliteReminderRows
{
    private const string Columns = "grain_id, reminder_name, grain_hash, start_at, period_ticks, etag";

    private readonly SqliteDatabase _database;

    public SqliteReminderRows(SqliteDatabase database) => _database = database;

    public IReadOnlyList<ReminderRow> ForGrain(string grainId) =>
        Select("grain_id = $id", c => c.Parameters.AddWithValue("$id", grainId));

    public ReminderRow? One(string grainId, string reminderName) =>
        Select("grain_id = $id AND reminder_name = $name", c =>
        {
            c.Parameters.AddWithValue("$id", grainId);
            c.Parameters.AddWithValue("$name", reminderName);
        }).SingleOrDefault();

    /// <summary>Rows whose hash lies in the ring range (begin, end]; a range with begin ≥ end wraps around zero.</summary>
    public IReadOnlyList<ReminderRow> InHashRange(uint begin, uint end) =>
        Select(begin < end ? "grain_hash > $begin AND grain_hash <= $end" : "grain_hash > $begin OR grain_hash <= $end", c =>
        {
            c.Parameters.AddWithValue("$begin", (long)begin);
            c.Parameters.AddWithValue("$end", (long)end);
        });

    /// <summary>Inserts or replaces the row and returns its new ETag.</summary>
    public Task<string> UpsertAsync(ReminderRow row, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            var etag = Guid.NewGuid().ToString("N");
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"""
                INSERT INTO reminders ({Columns}) VALUES ($id, $name, $hash, $start, $period, $etag)
                ON CONFLICT (grain_id, reminder_name) DO UPDATE SET
                    grain_hash = excluded.grain_hash, start_at = excluded.start_at,
                    period_ticks = excluded.period_ticks, etag = excluded.etag
                """;
            command.Parameters.AddWithValue("$id", row.GrainId);
            command.Parameters.AddWithValue("$name", row.ReminderName);
            command.Parameters.AddWithValue("$hash", (long)row.GrainHash);
            command.Parameters.AddWithValue("$start", row.StartAt.UtcTicks);
            command.Parameters.AddWithValue("$period", row.Period.Ticks);
            command.Parameters.AddWithValue("$etag", etag);
            command.ExecuteNonQuery();
            return etag;
        }, cancellationToken);

    /// <summary>Deletes the row if its ETag is still <paramref name="etag"/>; false when it was not there or changed.</summary>
    public Task<bool> RemoveAsync(string grainId, string reminderName, string etag, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM reminders WHERE grain_id = $id AND reminder_name = $name AND etag = $etag";
            command.Parameters.AddWithValue("$id", grainId);
            command.Parameters.AddWithValue("$name", reminderName);
            command.Parameters.AddWithValue("$etag", etag);
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);

    public Task ClearAsync(CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM reminders";
            command.ExecuteNonQuery();
        }, cancellationToken);

    private List<ReminderRow> Select(string condition, Action<SqliteCommand> bind) =>
        _database.Read(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM reminders WHERE {condition}";
            bind(command);
            var rows = new List<ReminderRow>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(new ReminderRow(
                    reader.GetString(0),
                    reader.GetString(1),
                    (uint)reader.GetInt64(2),
                    new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
                    TimeSpan.FromTicks(reader.GetInt64(4)),
                    reader.GetString(5)));
            }
            return rows;
        });
}

public sealed record ReminderRow(string GrainId, string ReminderName, uint GrainHash, DateTimeOffset StartAt, TimeSpan Period, string ETag);
