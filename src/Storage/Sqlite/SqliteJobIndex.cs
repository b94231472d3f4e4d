using System.Text;
using AudioMusic.Domain;
using Microsoft.Data.Sqlite;

namespace AudioMusic.Storage.Sqlite;

/// <summary>The job index of the one-box library (table <c>jobs</c>). Same contract as the PostgreSQL index; text search
/// compares upper-cased copies, which is what the memory index's ordinal-ignore-case match does.</summary>
public sealed class SqliteJobIndex : IJobIndex
{
    private const string Columns =
        "job_id, owner, task, status, display_name, search_text, created_at, updated_at, attempt, lease_expires_at, audio_stored_at";

    private readonly SqliteDatabase _database;

    public SqliteJobIndex(SqliteDatabase database) => _database = database;

    public Task UpsertAsync(JobIndexEntry entry, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"""
                INSERT INTO jobs ({Columns}, search_folded)
                VALUES ($id, $owner, $task, $status, $name, $text, $created, $updated, $attempt, $lease, $stored, $folded)
                ON CONFLICT (job_id) DO UPDATE SET
                    owner = excluded.owner, task = excluded.task, status = excluded.status,
                    display_name = excluded.display_name, search_text = excluded.search_text,
                    search_folded = excluded.search_folded, created_at = excluded.created_at,
                    updated_at = excluded.updated_at, attempt = excluded.attempt,
                    lease_expires_at = excluded.lease_expires_at, audio_stored_at = excluded.audio_stored_at
                """;
            var parameters = command.Parameters;
            parameters.AddWithValue("$id", entry.JobId);
            parameters.AddWithValue("$owner", (object?)entry.Owner ?? DBNull.Value);
            parameters.AddWithValue("$task", entry.Task.ToString());
            parameters.AddWithValue("$status", entry.Status.ToString());
            parameters.AddWithValue("$name", (object?)entry.DisplayName ?? DBNull.Value);
            parameters.AddWithValue("$text", entry.SearchText);
            parameters.AddWithValue("$folded", entry.SearchText.ToUpperInvariant());
            parameters.AddWithValue("$created", Ticks(entry.CreatedAt));
            parameters.AddWithValue("$updated", Ticks(entry.UpdatedAt));
            parameters.AddWithValue("$attempt", entry.Attempt);
            parameters.AddWithValue("$lease", Ticks(entry.LeaseExpiresAt));
            parameters.AddWithValue("$stored", Ticks(entry.AudioStoredAt));
            command.ExecuteNonQuery();
        }, cancellationToken);

    public Task DeleteAsync(string jobId, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM jobs WHERE job_id = $id";
            command.Parameters.AddWithValue("$id", jobId);
            command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<JobPage> QueryAsync(JobQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        return Task.FromResult(_database.Read(connection =>
        {
            using var command = connection.CreateCommand();
            var where = new List<string>();
            if (query.Owner is not null)
            {
                where.Add("owner = $owner");
                command.Parameters.AddWithValue("$owner", query.Owner);
            }
            if (query.Status is { } status)
            {
                where.Add("status = $status");
                command.Parameters.AddWithValue("$status", status.ToString());
            }
            if (query.Task is { } task)
            {
                where.Add("task = $task");
                command.Parameters.AddWithValue("$task", task.ToString());
            }
            if (!string.IsNullOrEmpty(query.Text))
            {
                // instr() matches literally: no wildcard in the user's text needs escaping.
                where.Add("instr(search_folded, $text) > 0");
                command.Parameters.AddWithValue("$text", query.Text.ToUpperInvariant());
            }
            if (JobCursor.TryDecode(query.Cursor, out var cursor))
            {
                where.Add("(created_at, job_id) < ($cursorCreated, $cursorId)");
                command.Parameters.AddWithValue("$cursorCreated", Ticks(cursor.CreatedAt));
                command.Parameters.AddWithValue("$cursorId", cursor.JobId);
            }
            var sql = new StringBuilder($"SELECT {Columns} FROM jobs");
            if (where.Count > 0)
            {
                sql.Append(" WHERE ").AppendJoin(" AND ", where);
            }
            // One row more than asked for tells whether another page follows.
            sql.Append(" ORDER BY created_at DESC, job_id DESC LIMIT $limit");
            command.Parameters.AddWithValue("$limit", query.Limit + 1);
            command.CommandText = sql.ToString();

            var entries = ReadEntries(command);
            string? next = null;
            if (entries.Count > query.Limit)
            {
                entries.RemoveAt(entries.Count - 1);
                next = new JobCursor(entries[^1].CreatedAt, entries[^1].JobId).Encode();
            }
            return new JobPage(entries, next);
        }));
    }

    public Task<IReadOnlyDictionary<JobStatus, long>> CountByStatusAsync(string? owner, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<JobStatus, long>>(_database.Read(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = owner is null
                ? "SELECT status, count(*) FROM jobs GROUP BY status"
                : "SELECT status, count(*) FROM jobs WHERE owner = $owner GROUP BY status";
            if (owner is not null)
            {
                command.Parameters.AddWithValue("$owner", owner);
            }
            var counts = Enum.GetValues<JobStatus>().ToDictionary(s => s, _ => 0L);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                counts[Enum.Parse<JobStatus>(reader.GetString(0))] = reader.GetInt64(1);
            }
            return counts;
        }));

    public Task<IReadOnlyList<JobIndexEntry>> PendingAsync(int limit, CancellationToken cancellationToken) =>
        SelectAsync("status = 'Pending' ORDER BY created_at, job_id", limit, null);

    public Task<IReadOnlyList<JobIndexEntry>> ExpiredLeasesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        SelectAsync("status = 'Processing' AND lease_expires_at < $at ORDER BY lease_expires_at, job_id", limit, now);

    public Task<IReadOnlyList<JobIndexEntry>> AudioStoredBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken) =>
        SelectAsync("audio_stored_at IS NOT NULL AND audio_stored_at < $at ORDER BY audio_stored_at, job_id", limit, cutoff);

    private Task<IReadOnlyList<JobIndexEntry>> SelectAsync(string condition, int limit, DateTimeOffset? at) =>
        Task.FromResult<IReadOnlyList<JobIndexEntry>>(_database.Read(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM jobs WHERE {condition} LIMIT $limit";
            command.Parameters.AddWithValue("$limit", limit);
            if (at is { } instant)
            {
                command.Parameters.AddWithValue("$at", Ticks(instant));
            }
            return ReadEntries(command);
        }));

    private static List<JobIndexEntry> ReadEntries(SqliteCommand command)
    {
        var entries = new List<JobIndexEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new JobIndexEntry(
                JobId: reader.GetString(0),
                Owner: reader.IsDBNull(1) ? null : reader.GetString(1),
                Task: Enum.Parse<MusicTask>(reader.GetString(2)),
                Status: Enum.Parse<JobStatus>(reader.GetString(3)),
                DisplayName: reader.IsDBNull(4) ? null : reader.GetString(4),
                SearchText: reader.GetString(5),
                CreatedAt: Instant(reader.GetInt64(6)),
                UpdatedAt: Instant(reader.GetInt64(7)),
                Attempt: reader.GetInt32(8),
                LeaseExpiresAt: reader.IsDBNull(9) ? null : Instant(reader.GetInt64(9)),
                AudioStoredAt: reader.IsDBNull(10) ? null : Instant(reader.GetInt64(10))));
        }
        return entries;
    }

    internal static object Ticks(DateTimeOffset? value) => value is { } v ? v.UtcTicks : DBNull.Value;

    private static long Ticks(DateTimeOffset value) => value.UtcTicks;

    internal static DateTimeOffset Instant(long ticks) => new(ticks, TimeSpan.Zero);
}
