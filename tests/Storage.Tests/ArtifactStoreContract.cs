using AudioMusic.Storage.FileSystem;
using AudioMusic.Storage.Memory;
using AudioMusic.Storage.Postgres;
using Npgsql;

namespace AudioMusic.Storage.Tests;

/// <summary>Behaviour every <see cref="IArtifactStore"/> must share; each store runs the same tests.</summary>
public abstract class ArtifactStoreContract
{
    protected const int FiveMiB = 5 * 1024 * 1024;

    protected abstract Task<IArtifactStore> CreateStoreAsync();

    protected static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Hands out data in small, uneven reads, as a network stream does, so stores cannot assume full
    /// buffers.</summary>
    protected static Stream Trickle(byte[] bytes) => new TrickleStream(bytes);

    protected static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, 81920);
            return copy.ToArray();
        }
    }

    private async Task<byte[]?> ReadRangeAsync(IArtifactStore store, string key, long offset, long? length)
    {
        var stream = await store.OpenReadAsync(key, offset, length, CancellationToken.None);
        return stream is null ? null : await ReadAllAsync(stream);
    }

    [SkippableFact]
    public async Task A_five_megabyte_artifact_reads_back_whole_and_in_ranges()
    {
        var store = await CreateStoreAsync();
        var bytes = Bytes(FiveMiB, seed: 5);
        var before = DateTimeOffset.UtcNow.AddSeconds(-2);

        await store.WriteAsync("job-a/0.flac", Trickle(bytes), "audio/flac", CancellationToken.None);

        var info = await store.GetInfoAsync("job-a/0.flac", CancellationToken.None);
        Assert.NotNull(info);
        Assert.Equal(("job-a/0.flac", (long)FiveMiB, "audio/flac"), (info.Key, info.Length, info.ContentType));
        Assert.InRange(info.CreatedAt, before, DateTimeOffset.UtcNow.AddSeconds(2));
        Assert.Equal(bytes, await ReadRangeAsync(store, "job-a/0.flac", 0, null));
        Assert.Equal(bytes[..1], await ReadRangeAsync(store, "job-a/0.flac", 0, 1));
        // Crosses chunk boundaries of the chunked stores and starts mid-chunk.
        Assert.Equal(bytes[2_500_000..3_300_000], await ReadRangeAsync(store, "job-a/0.flac", 2_500_000, 800_000));
        Assert.Equal(bytes[^1..], await ReadRangeAsync(store, "job-a/0.flac", FiveMiB - 1, 1));
        Assert.Equal(bytes[(FiveMiB - 1000)..], await ReadRangeAsync(store, "job-a/0.flac", FiveMiB - 1000, 5000));
        Assert.Equal(bytes[4_000_000..], await ReadRangeAsync(store, "job-a/0.flac", 4_000_000, null));
        Assert.Empty((await ReadRangeAsync(store, "job-a/0.flac", FiveMiB, 10))!);
        Assert.Empty((await ReadRangeAsync(store, "job-a/0.flac", FiveMiB + 100, null))!);
    }

    [SkippableFact]
    public async Task Small_reads_of_a_range_return_exactly_its_bytes()
    {
        var store = await CreateStoreAsync();
        var bytes = Bytes(700_000, seed: 6);
        await store.WriteAsync("job-b/1.wav", new MemoryStream(bytes), "audio/wav", CancellationToken.None);

        await using var stream = (await store.OpenReadAsync("job-b/1.wav", 100_000, 450_000, CancellationToken.None))!;
        using var collected = new MemoryStream();
        var buffer = new byte[777];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            collected.Write(buffer, 0, read);
        }

        Assert.Equal(bytes[100_000..550_000], collected.ToArray());
    }

    [SkippableFact]
    public async Task Writing_a_key_again_replaces_content_type_and_bytes()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("job-c/0.wav", new MemoryStream(Bytes(FiveMiB, seed: 1)), "audio/wav", CancellationToken.None);
        var replacement = Bytes(300_001, seed: 2);

        await store.WriteAsync("job-c/0.wav", Trickle(replacement), "audio/x-wav", CancellationToken.None);

        var info = await store.GetInfoAsync("job-c/0.wav", CancellationToken.None);
        Assert.Equal((300_001L, "audio/x-wav"), (info!.Length, info.ContentType));
        Assert.Equal(replacement, await ReadRangeAsync(store, "job-c/0.wav", 0, null));
    }

    [SkippableFact]
    public async Task A_producer_writes_into_the_store_seeking_back_and_a_failing_one_changes_nothing()
    {
        var store = await CreateStoreAsync();
        var body = Bytes(FiveMiB, seed: 21);
        var header = "fLaC-HDR"u8.ToArray();

        // As an encoder does: a placeholder header, the body in pieces, then the header patched in place.
        var length = await store.WriteAsync("job-p/0.flac", "audio/flac", (stream, _) =>
        {
            stream.Write(new byte[header.Length]);
            stream.Write(body, 0, 1_000_003);
            stream.Write(body, 1_000_003, body.Length - 1_000_003);
            var end = stream.Position;
            stream.Position = 0;
            stream.Write(header);
            stream.Position = end;
            return Task.CompletedTask;
        }, CancellationToken.None);

        byte[] expected = [.. header, .. body];
        Assert.Equal(expected.Length, length);
        Assert.Equal(("audio/flac", (long)expected.Length), ((await store.GetInfoAsync("job-p/0.flac", CancellationToken.None))!.ContentType,
            (await store.GetInfoAsync("job-p/0.flac", CancellationToken.None))!.Length));
        Assert.Equal(expected, await ReadRangeAsync(store, "job-p/0.flac", 0, null));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync("job-p/0.flac", "audio/flac", (stream, _) =>
        {
            stream.Write(new byte[100_000]);
            throw new InvalidOperationException("the encoder failed half-way");
        }, CancellationToken.None));
        Assert.Equal("the encoder failed half-way", failure.Message);
        Assert.Equal(expected, await ReadRangeAsync(store, "job-p/0.flac", 0, null));
    }

    [SkippableFact]
    public async Task An_empty_artifact_is_stored_and_reads_as_empty()
    {
        var store = await CreateStoreAsync();

        await store.WriteAsync("job-d/0.json", new MemoryStream(), "application/json", CancellationToken.None);

        Assert.Equal(0, (await store.GetInfoAsync("job-d/0.json", CancellationToken.None))!.Length);
        Assert.Empty((await ReadRangeAsync(store, "job-d/0.json", 0, null))!);
    }

    [SkippableFact]
    public async Task Keys_made_by_ArtifactKeys_round_trip()
    {
        var store = await CreateStoreAsync();
        var key = ArtifactKeys.For("01JDX3G5Z7Q9", attempt: 2, index: 1, "mp3");
        var bytes = Bytes(12_345, seed: 8);

        await store.WriteAsync(key, new MemoryStream(bytes), "audio/mpeg", CancellationToken.None);

        Assert.Equal(bytes, await ReadRangeAsync(store, key, 0, null));
        Assert.Equal(key, (await store.GetInfoAsync(key, CancellationToken.None))!.Key);
    }

    [SkippableFact]
    public async Task Missing_artifacts_have_no_info_and_no_stream()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.GetInfoAsync("job-none/0.wav", CancellationToken.None));
        Assert.Null(await store.OpenReadAsync("job-none/0.wav", 0, null, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Deleting_a_job_removes_all_its_artifacts_and_nothing_else()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("job-e/0.wav", new MemoryStream(Bytes(1000, 1)), "audio/wav", CancellationToken.None);
        await store.WriteAsync("job-e/1.flac", new MemoryStream(Bytes(2000, 2)), "audio/flac", CancellationToken.None);
        // Shares the prefix "job-e" but is another job.
        await store.WriteAsync("job-e2/0.wav", new MemoryStream(Bytes(3000, 3)), "audio/wav", CancellationToken.None);

        await store.DeleteJobAsync("job-e", CancellationToken.None);
        await store.DeleteJobAsync("job-never-written", CancellationToken.None);

        Assert.Null(await store.GetInfoAsync("job-e/0.wav", CancellationToken.None));
        Assert.Null(await store.GetInfoAsync("job-e/1.flac", CancellationToken.None));
        Assert.Equal(Bytes(3000, 3), await ReadRangeAsync(store, "job-e2/0.wav", 0, null));
    }

    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        private readonly Random _sizes = new(99);

        // MemoryStream routes span reads of a derived type through this overload.
        public override int Read(byte[] buffer, int offset, int count) =>
            base.Read(buffer, offset, Math.Min(count, _sizes.Next(1, 70_000)));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));
    }
}

public sealed class MemoryArtifactStoreTests : ArtifactStoreContract
{
    protected override Task<IArtifactStore> CreateStoreAsync() =>
        Task.FromResult<IArtifactStore>(new MemoryArtifactStore(TimeProvider.System));
}

public sealed class FileSystemArtifactStoreTests : ArtifactStoreContract, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "audiomusic-artifacts-" + Guid.NewGuid().ToString("N"));

    protected override Task<IArtifactStore> CreateStoreAsync() =>
        Task.FromResult<IArtifactStore>(new FileSystemArtifactStore(_root));

    [Theory]
    [InlineData("../0.wav")]
    [InlineData("job/../../etc/passwd")]
    [InlineData("job/.hidden")]
    [InlineData("/abs/0.wav")]
    [InlineData("job/0.wav.content-type")]
    [InlineData("noslash")]
    public async Task Keys_that_could_escape_the_root_or_hit_internal_files_are_refused(string key)
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(
            () => store.WriteAsync(key, new MemoryStream([1, 2, 3]), "audio/wav", CancellationToken.None));
    }

    [Fact]
    public async Task A_reader_keeps_the_version_it_opened_while_the_artifact_is_replaced()
    {
        var store = await CreateStoreAsync();
        var first = Bytes(400_000, 10);
        await store.WriteAsync("job-f/0.wav", new MemoryStream(first), "audio/wav", CancellationToken.None);
        var reader = (await store.OpenReadAsync("job-f/0.wav", 0, null, CancellationToken.None))!;

        await store.WriteAsync("job-f/0.wav", new MemoryStream(Bytes(50_000, 11)), "audio/wav", CancellationToken.None);

        Assert.Equal(first, await ReadAllAsync(reader));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "job-f"), "*.partial"));
    }

    [Fact]
    public async Task A_producer_that_fails_leaves_no_temporary_file_behind()
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync("job-h/0.flac", "audio/flac", (stream, _) =>
        {
            stream.Write(new byte[300_000]);
            throw new InvalidOperationException("the encoder failed half-way");
        }, CancellationToken.None));

        Assert.Null(await store.GetInfoAsync("job-h/0.flac", CancellationToken.None));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "job-h"), "*.partial"));
    }

    [Fact]
    public async Task The_content_type_falls_back_to_the_extension_without_a_sidecar()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("job-g/0.mp3", new MemoryStream([1, 2, 3]), "audio/mpeg", CancellationToken.None);
        File.Delete(Path.Combine(_root, "job-g", "0.mp3.content-type"));

        Assert.Equal("audio/mpeg", (await store.GetInfoAsync("job-g/0.mp3", CancellationToken.None))!.ContentType);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

public sealed class PostgresArtifactStoreTests(MigratedPostgresDatabaseFixture database)
    : ArtifactStoreContract, IClassFixture<MigratedPostgresDatabaseFixture>, IDisposable
{
    private NpgsqlDataSource? _dataSource;

    protected override Task<IArtifactStore> CreateStoreAsync()
    {
        _dataSource ??= NpgsqlDataSource.Create(database.RequireDatabase());
        return Task.FromResult<IArtifactStore>(new PostgresArtifactStore(_dataSource, TimeProvider.System));
    }

    [SkippableFact]
    public async Task Artifacts_are_stored_in_chunks_and_a_replacement_leaves_no_old_chunks_behind()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("job-p/0.wav", new MemoryStream(Bytes(FiveMiB, 1)), "audio/wav", CancellationToken.None);
        var afterFirst = await CountChunksAsync("job-p/0.wav");

        await store.WriteAsync("job-p/0.wav", new MemoryStream(Bytes(PostgresArtifactStore.DefaultChunkSize + 1, 2)), "audio/wav", CancellationToken.None);

        Assert.Equal(FiveMiB / PostgresArtifactStore.DefaultChunkSize, afterFirst);
        Assert.Equal(2, await CountChunksAsync("job-p/0.wav"));
        Assert.Equal(0, await CountOrphanChunksAsync());
    }

    [SkippableFact]
    public async Task A_reader_of_a_replaced_artifact_fails_instead_of_mixing_versions()
    {
        var store = await CreateStoreAsync();
        var size = 3 * PostgresArtifactStore.DefaultChunkSize;
        await store.WriteAsync("job-q/0.wav", new MemoryStream(Bytes(size, 1)), "audio/wav", CancellationToken.None);
        await using var reader = (await store.OpenReadAsync("job-q/0.wav", 0, null, CancellationToken.None))!;
        var firstChunk = new byte[PostgresArtifactStore.DefaultChunkSize];
        await reader.ReadExactlyAsync(firstChunk);

        await store.WriteAsync("job-q/0.wav", new MemoryStream(Bytes(size, 2)), "audio/wav", CancellationToken.None);

        Assert.Equal(Bytes(size, 1)[..firstChunk.Length], firstChunk);
        await Assert.ThrowsAsync<IOException>(async () => await reader.ReadExactlyAsync(new byte[10]));
    }

    [SkippableFact]
    public async Task A_write_that_fails_midway_leaves_the_previous_artifact_intact()
    {
        var store = await CreateStoreAsync();
        var original = Bytes(600_000, 1);
        await store.WriteAsync("job-r/0.wav", new MemoryStream(original), "audio/wav", CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(() => store.WriteAsync(
            "job-r/0.wav", new FailingStream(Bytes(FiveMiB, 2), failAfter: 2_000_000), "audio/wav", CancellationToken.None));

        Assert.Equal(original, await ReadAllAsync((await store.OpenReadAsync("job-r/0.wav", 0, null, CancellationToken.None))!));
        Assert.Equal(3, await CountChunksAsync("job-r/0.wav"));
        Assert.Equal(0, await CountOrphanChunksAsync());
    }

    [SkippableFact]
    public async Task Concurrent_writers_of_one_key_leave_one_whole_version_and_no_orphans()
    {
        var store = await CreateStoreAsync();
        var versions = Enumerable.Range(1, 4).Select(seed => Bytes(700_000 + seed * 1000, seed)).ToList();

        await Task.WhenAll(versions.Select(bytes =>
            Task.Run(() => store.WriteAsync("job-s/0.wav", new MemoryStream(bytes), "audio/wav", CancellationToken.None))));

        var stored = await ReadAllAsync((await store.OpenReadAsync("job-s/0.wav", 0, null, CancellationToken.None))!);
        Assert.Contains(versions, v => v.AsSpan().SequenceEqual(stored));
        Assert.Equal(0, await CountOrphanChunksAsync());
    }

    private async Task<long> CountChunksAsync(string key)
    {
        await using var command = _dataSource!.CreateCommand("""
            SELECT count(*) FROM audiomusic_artifact_chunks c
            JOIN audiomusic_artifacts a ON a.blob_id = c.blob_id WHERE a.artifact_key = $1
            """);
        command.Parameters.AddWithValue(key);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Chunks no artifact points at: the leftovers of a replaced or failed write.</summary>
    private async Task<long> CountOrphanChunksAsync()
    {
        await using var command = _dataSource!.CreateCommand(
            "SELECT count(*) FROM audiomusic_artifact_chunks WHERE blob_id NOT IN (SELECT blob_id FROM audiomusic_artifacts)");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed class FailingStream(byte[] bytes, int failAfter) : MemoryStream(bytes, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position >= failAfter ? throw new IOException("upload interrupted") : base.ReadAsync(buffer, cancellationToken);
    }

    public void Dispose() => _dataSource?.Dispose();
}
