using Npgsql;
using NpgsqlTypes;

namespace AudioMusic.Storage.Postgres;

/// <summary>Artifacts in PostgreSQL (tables of migration 0006). Bytes are streamed in and out in chunks, so no
/// artifact is ever held whole in memory, and a range read fetches only the chunks it covers.</summary>
public sealed class PostgresArtifactStore : IArtifactStore
{
    /// <summary>Large enough that a multi-megabyte artifact takes few round trips, small enough that one chunk is a
    /// cheap allocation. Each artifact records its chunk size, so changing this never breaks stored artifacts.</summary>
    public const int DefaultChunkSize = 256 * 1024;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly int _chunkSize;

    public PostgresArtifactStore(NpgsqlDataSource dataSource, TimeProvider time, int chunkSize = DefaultChunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        _dataSource = dataSource;
        _time = time;
        _chunkSize = chunkSize;
    }

    public async Task WriteAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var jobId = JobIdOf(key);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // The new chunks stay invisible until the artifact row points at them, which happens in the same transaction.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        long blobId;
        await using (var next = new NpgsqlCommand("SELECT nextval('audiomusic_artifact_blob_ids')", connection, transaction))
        {
            blobId = (long)(await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        var length = await WriteChunksAsync(connection, transaction, blobId, content, cancellationToken).ConfigureAwait(false);

        // Concurrent writers of one key take turns here, so each one sees (and removes) the blob its predecessor left.
        // Positional parameters rule out several statements in one command, hence the batch.
        await using (var publish = new NpgsqlBatch(connection, transaction))
        {
            var lockKey = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))");
            lockKey.Parameters.Add(TextParameter(key));
            var dropOld = new NpgsqlBatchCommand("""
                DELETE FROM audiomusic_artifact_chunks
                WHERE blob_id = (SELECT blob_id FROM audiomusic_artifacts WHERE artifact_key = $1)
                """);
            dropOld.Parameters.Add(TextParameter(key));
            var point = new NpgsqlBatchCommand("""
                INSERT INTO audiomusic_artifacts (artifact_key, job_id, blob_id, length, chunk_size, content_type, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (artifact_key) DO UPDATE SET
                    job_id = excluded.job_id, blob_id = excluded.blob_id, length = excluded.length,
                    chunk_size = excluded.chunk_size, content_type = excluded.content_type, created_at = excluded.created_at
                """);
            point.Parameters.Add(TextParameter(key));
            point.Parameters.Add(TextParameter(jobId));
            point.Parameters.Add(new NpgsqlParameter<long> { TypedValue = blobId });
            point.Parameters.Add(new NpgsqlParameter<long> { TypedValue = length });
            point.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _chunkSize });
            point.Parameters.Add(TextParameter(contentType));
            point.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = _time.GetUtcNow().ToUniversalTime() });
            publish.BatchCommands.Add(lockKey);
            publish.BatchCommands.Add(dropOld);
            publish.BatchCommands.Add(point);
            await publish.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<long> WriteChunksAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long blobId, Stream content, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO audiomusic_artifact_chunks (blob_id, chunk_index, data) VALUES ($1, $2, $3)", connection, transaction);
        var blobParameter = new NpgsqlParameter<long> { TypedValue = blobId };
        var indexParameter = new NpgsqlParameter<int>();
        var dataParameter = new NpgsqlParameter<ArraySegment<byte>> { NpgsqlDbType = NpgsqlDbType.Bytea };
        insert.Parameters.Add(blobParameter);
        insert.Parameters.Add(indexParameter);
        insert.Parameters.Add(dataParameter);

        var buffer = new byte[_chunkSize];
        long length = 0;
        for (var index = 0; ; index++)
        {
            var filled = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (filled == 0)
            {
                return length;
            }
            indexParameter.TypedValue = index;
            dataParameter.TypedValue = new ArraySegment<byte>(buffer, 0, filled);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            length += filled;
            if (filled < buffer.Length)
            {
                return length;
            }
        }
    }

    public async Task<ArtifactInfo?> GetInfoAsync(string key, CancellationToken cancellationToken) =>
        (await FindAsync(key, cancellationToken).ConfigureAwait(false))?.Info;

    public async Task<Stream?> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken)
    {
        if (await FindAsync(key, cancellationToken).ConfigureAwait(false) is not { } artifact)
        {
            return null;
        }
        var start = Math.Clamp(offset, 0, artifact.Info.Length);
        var count = Math.Min(length ?? long.MaxValue, artifact.Info.Length - start);
        return new PostgresArtifactReadStream(_dataSource, artifact.BlobId, artifact.ChunkSize, start, Math.Max(count, 0));
    }

    public async Task DeleteJobAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            WITH removed AS (DELETE FROM audiomusic_artifacts WHERE job_id = $1 RETURNING blob_id)
            DELETE FROM audiomusic_artifact_chunks WHERE blob_id IN (SELECT blob_id FROM removed)
            """);
        command.Parameters.Add(TextParameter(jobId));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<StoredArtifact?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT blob_id, chunk_size, length, content_type, created_at FROM audiomusic_artifacts WHERE artifact_key = $1");
        command.Parameters.Add(TextParameter(key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        var info = new ArtifactInfo(key, reader.GetInt64(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4));
        return new StoredArtifact(reader.GetInt64(0), reader.GetInt32(1), info);
    }

    private static string JobIdOf(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new ArgumentException($"Artifact key '{key}' is not of the form '{{jobId}}/{{name}}'.", nameof(key));
        }
        return key[..slash];
    }

    private static NpgsqlParameter TextParameter(string value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = value };

    private sealed record StoredArtifact(long BlobId, int ChunkSize, ArtifactInfo Info);
}
