using Npgsql;

namespace AudioMusic.Storage.Postgres;

/// <summary>Reads bytes [start, start + count) of one stored blob, fetching at most one chunk's worth per round trip
/// and only the part of a chunk the range needs. Holds no connection between reads, so a slow HTTP client does not
/// pin a pooled connection.</summary>
/// <remarks>The blob id pins one version of the artifact: if the artifact is replaced or deleted mid-read, the old
/// chunks are gone and the read fails with an <see cref="IOException"/> instead of mixing two versions.</remarks>
internal sealed class PostgresArtifactReadStream : Stream
{
    private const string SliceSql =
        "SELECT substring(data FROM $3 FOR $4) FROM audiomusic_artifact_chunks WHERE blob_id = $1 AND chunk_index = $2";

    private readonly NpgsqlDataSource _dataSource;
    private readonly long _blobId;
    private readonly int _chunkSize;
    private readonly long _end;
    private long _position;
    private byte[] _slice = [];
    private int _sliceOffset;

    public PostgresArtifactReadStream(NpgsqlDataSource dataSource, long blobId, int chunkSize, long start, long count)
    {
        _dataSource = dataSource;
        _blobId = blobId;
        _chunkSize = chunkSize;
        _position = start;
        _end = start + count;
    }

    // Forward-only and read-only: as Stream's contract requires, the members that CanSeek/CanWrite rule out throw
    // NotSupportedException. Downloads only ever read such a stream from start to end.
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= _end || buffer.Length == 0)
        {
            return 0;
        }
        if (_sliceOffset >= _slice.Length)
        {
            using var command = CreateSliceCommand();
            AcceptSlice(command.ExecuteScalar());
        }
        return CopyFromSlice(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= _end || buffer.Length == 0)
        {
            return 0;
        }
        if (_sliceOffset >= _slice.Length)
        {
            await using var command = CreateSliceCommand();
            AcceptSlice(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
        }
        return CopyFromSlice(buffer.Span);
    }

    /// <summary>A missing or empty slice inside the range means the blob is gone: the artifact's row said it had
    /// these bytes.</summary>
    private void AcceptSlice(object? value)
    {
        if (value is not byte[] { Length: > 0 } slice)
        {
            throw new IOException($"Artifact blob {_blobId} was replaced or deleted while it was being read.");
        }
        _slice = slice;
        _sliceOffset = 0;
    }

    /// <summary>The rest of the current chunk, but no further than the end of the requested range.</summary>
    private NpgsqlCommand CreateSliceCommand()
    {
        var chunkIndex = _position / _chunkSize;
        var inChunk = (int)(_position % _chunkSize);
        var take = (int)Math.Min(_chunkSize - inChunk, _end - _position);
        var command = _dataSource.CreateCommand(SliceSql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _blobId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = checked((int)chunkIndex) });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = inChunk + 1 }); // substring() counts from 1
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = take });
        return command;
    }

    private int CopyFromSlice(Span<byte> buffer)
    {
        var available = _slice.AsSpan(_sliceOffset);
        var copied = Math.Min(available.Length, buffer.Length);
        available[..copied].CopyTo(buffer);
        _sliceOffset += copied;
        _position += copied;
        return copied;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
