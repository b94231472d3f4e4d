using System.Text;
using AudioMusic.Domain;
using Npgsql;
using NpgsqlTypes;

namespace AudioMusic.Storage.Postgres;

/// <summary>The job index in PostgreSQL (table audiomusic_jobs, created by migration 0005), shared by every silo and
/// API host of a cluster.</summary>
public sealed class PostgresJobIndex : IJobIndex
{
    private const string Columns =
        "job_id, owner, task, status, display_name, search_text, created_at, updated_at, attempt, lease_expires_at, audio_stored_at";

    private readonly NpgsqlDataSource _dataSource;

    public PostgresJobIndex(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    public async Task UpsertAsync(JobIndexEntry entry, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO audiomusic_jobs ({Columns})
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (job_id) DO UPDATE SET
                owner = excluded.owner, task = excluded.task, status = excluded.status,
                display_name = excluded.display_name, search_text = excluded.search_text,
                created_at = excluded.created_at, updated_at = excluded.updated_at,
                attempt = excluded.attempt, lease_expires_at = excluded.lease_expires_at,
                audio_stored_at = excluded.audio_stored_at
            """);
        command.Parameters.Add(Text(entry.JobId));
        command.Parameters.Add(Text(entry.Owner));
        command.Parameters.Add(Text(entry.Task.ToString()));
        command.Parameters.Add(Text(entry.Status.ToString()));
        command.Parameters.Add(Text(entry.DisplayName));
        command.Parameters.Add(Text(entry.SearchText));
        command.Parameters.Add(Timestamp(entry.CreatedAt));
        command.Parameters.Add(Timestamp(entry.UpdatedAt));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = entry.Attempt });
        command.Parameters.Add(Timestamp(entry.LeaseExpiresAt));
        command.Parameters.Add(Timestamp(entry.AudioStoredAt));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM audiomusic_jobs WHERE job_id = $1");
        command.Parameters.Add(Text(jobId));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<JobPage> QueryAsync(JobQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        await using var command = _dataSource.CreateCommand();
        var where = new List<string>();
        string Parameter(NpgsqlParameter parameter)
        {
            command.Parameters.Add(parameter);
            return "$" + command.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (query.Owner is not null)
        {
            where.Add($"owner = {Parameter(Text(query.Owner))}");
        }
        if (query.Status is { } status)
        {
            where.Add($"status = {Parameter(Text(status.ToString()))}");
        }
        if (query.Task is { } task)
        {
            where.Add($"task = {Parameter(Text(task.ToString()))}");
        }
        if (!string.IsNullOrEmpty(query.Text))
        {
            where.Add($"search_text ILIKE '%' || {Parameter(Text(EscapeLike(query.Text)))} || '%' ESCAPE '\\'");
        }
        if (JobCursor.TryDecode(query.Cursor, out var cursor))
        {
            // A row comparison walks the (created_at, job_id) index backwards from the cursor.
            where.Add($"(created_at, job_id) < ({Parameter(Timestamp(cursor.CreatedAt))}, {Parameter(Text(cursor.JobId))})");
        }

        // One row more than asked for tells whether another page follows.
        var limit = Parameter(new NpgsqlParameter<int> { TypedValue = query.Limit + 1 });
        var sql = new StringBuilder($"SELECT {Columns} FROM audiomusic_jobs");
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
        }
        sql.Append($" ORDER BY created_at DESC, job_id DESC LIMIT {limit}");
        command.CommandText = sql.ToString();

        var entries = await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
        string? next = null;
        if (entries.Count > query.Limit)
        {
            entries.RemoveAt(entries.Count - 1);
            next = new JobCursor(entries[^1].CreatedAt, entries[^1].JobId).Encode();
        }
        return new JobPage(entries, next);
    }

    public async Task<IReadOnlyDictionary<JobStatus, long>> CountByStatusAsync(string? owner, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(owner is null
            ? "SELECT status, count(*) FROM audiomusic_jobs GROUP BY status"
            : "SELECT status, count(*) FROM audiomusic_jobs WHERE owner = $1 GROUP BY status");
        if (owner is not null)
        {
            command.Parameters.Add(Text(owner));
        }
        var counts = Enum.GetValues<JobStatus>().ToDictionary(s => s, _ => 0L);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[Enum.Parse<JobStatus>(reader.GetString(0))] = reader.GetInt64(1);
        }
        return counts;
    }

    public async Task<IReadOnlyList<JobIndexEntry>> PendingAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"""
            SELECT {Columns} FROM audiomusic_jobs
            WHERE status = 'Pending'
            ORDER BY created_at, job_id
            LIMIT $1
            """);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<JobIndexEntry>> ExpiredLeasesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"""
            SELECT {Columns} FROM audiomusic_jobs
            WHERE status = 'Processing' AND lease_expires_at < $1
            ORDER BY lease_expires_at, job_id
            LIMIT $2
            """);
        command.Parameters.Add(Timestamp(now));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<JobIndexEntry>> AudioStoredBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"""
            SELECT {Columns} FROM audiomusic_jobs
            WHERE audio_stored_at IS NOT NULL AND audio_stored_at < $1
            ORDER BY audio_stored_at, job_id
            LIMIT $2
            """);
        command.Parameters.Add(Timestamp(cutoff));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<JobIndexEntry>> ReadEntriesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<JobIndexEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new JobIndexEntry(
                JobId: reader.GetString(0),
                Owner: reader.IsDBNull(1) ? null : reader.GetString(1),
                Task: Enum.Parse<MusicTask>(reader.GetString(2)),
                Status: Enum.Parse<JobStatus>(reader.GetString(3)),
                DisplayName: reader.IsDBNull(4) ? null : reader.GetString(4),
                SearchText: reader.GetString(5),
                CreatedAt: reader.GetFieldValue<DateTimeOffset>(6),
                UpdatedAt: reader.GetFieldValue<DateTimeOffset>(7),
                Attempt: reader.GetInt32(8),
                LeaseExpiresAt: reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
                AudioStoredAt: reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10)));
        }
        return entries;
    }

    /// <summary>Makes the user's text match literally: % and _ would otherwise be wildcards.</summary>
    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    private static NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    // PostgreSQL stores instants, and Npgsql only writes UTC DateTimeOffsets to timestamptz.
    private static NpgsqlParameter Timestamp(DateTimeOffset? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = value is { } v ? v.ToUniversalTime() : DBNull.Value };
}
