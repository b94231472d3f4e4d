using System.Diagnostics.CodeAnalysis;
using AudioMusic.Domain;
using AudioMusic.Grains.Hosting;
using AudioMusic.Grains.Hosting.Sqlite;
using AudioMusic.Grains.Jobs;
using AudioMusic.Storage.Local;
using AudioMusic.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace AudioMusic.Grains.Tests;

/// <summary>What every grain storage of the one-silo modes must do: copies, not references, and a database's ETag checks.</summary>
public abstract class GrainStorageContract
{
    protected static readonly GrainId Job = GrainId.Create("job", "j-1");

    protected static readonly IGrainStorageSerializer Serializer = new OrleansGrainStorageSerializer(
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());

    private IGrainStorage? _storage;

    private IGrainStorage _storageOrNew => _storage ??= CreateStorage();

    protected abstract IGrainStorage CreateStorage();

    protected sealed class StoredJob : IGrainState<JobState>
    {
        [AllowNull]
        public JobState State { get; set; } = new();
        public string? ETag { get; set; }
        public bool RecordExists { get; set; }
    }

    [Fact]
    public async Task A_written_state_reads_back_as_a_copy()
    {
        var written = new StoredJob { State = { Request = new GenerationRequest { Task = MusicTask.Text2Music, Caption = "a" }, Status = JobStatus.Pending } };
        await _storageOrNew.WriteStateAsync("job", Job, written);
        Assert.True(written.RecordExists);
        Assert.NotNull(written.ETag);

        // Changing the grain's object after the write must not change what is stored.
        written.State.Status = JobStatus.Failed;
        var read = new StoredJob();
        await _storageOrNew.ReadStateAsync("job", Job, read);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(JobStatus.Pending, read.State.Status);
        Assert.Equal("a", read.State.Request!.Caption);
        Assert.NotSame(written.State, read.State);
    }

    [Fact]
    public async Task A_missing_state_reads_as_new()
    {
        var read = new StoredJob();
        await _storageOrNew.ReadStateAsync("job", GrainId.Create("job", "nobody"), read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Null(read.State.Request);
    }

    [Fact]
    public async Task A_write_from_a_stale_copy_is_refused()
    {
        var first = new StoredJob();
        await _storageOrNew.WriteStateAsync("job", Job, first);
        var stale = new StoredJob { ETag = first.ETag };
        await _storageOrNew.WriteStateAsync("job", Job, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storageOrNew.WriteStateAsync("job", Job, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storageOrNew.WriteStateAsync("job", Job, new StoredJob()));
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storageOrNew.ClearStateAsync("job", Job, stale));
    }

    [Fact]
    public async Task Clearing_removes_the_state()
    {
        var state = new StoredJob();
        await _storageOrNew.WriteStateAsync("job", Job, state);
        await _storageOrNew.ClearStateAsync("job", Job, state);
        Assert.False(state.RecordExists);
        var read = new StoredJob();
        await _storageOrNew.ReadStateAsync("job", Job, read);
        Assert.False(read.RecordExists);
        // A new job under the same id can be written again from scratch.
        await _storageOrNew.WriteStateAsync("job", Job, new StoredJob());
    }
}

public sealed class SingleSiloGrainStorageTests : GrainStorageContract
{
    protected override IGrainStorage CreateStorage() => new SingleSiloGrainStorage(Serializer);
}

public sealed class SqliteGrainStorageTests : GrainStorageContract, IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("audiomusic-grainstorage-");
    private readonly List<LocalLibrary> _libraries = [];

    protected override IGrainStorage CreateStorage() => Open();

    private SqliteGrainStorage Open()
    {
        var library = LocalLibrary.Open(_directory.FullName);
        _libraries.Add(library);
        return new SqliteGrainStorage(new SqliteGrainStates(library.Database), Serializer);
    }

    [Fact]
    public async Task A_state_outlives_the_process_that_wrote_it()
    {
        var storage = Open();
        var written = new StoredJob { State = { Request = new GenerationRequest { Task = MusicTask.Text2Music, Caption = "kept" }, Status = JobStatus.Completed } };
        await storage.WriteStateAsync("job", Job, written);
        _libraries[^1].Dispose();

        var reopened = Open();
        var read = new StoredJob();
        await reopened.ReadStateAsync("job", Job, read);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(JobStatus.Completed, read.State.Status);
        Assert.Equal("kept", read.State.Request!.Caption);
        // The ETag read back still guards writes after the reopening.
        await reopened.WriteStateAsync("job", Job, read);
        await Assert.ThrowsAsync<InconsistentStateException>(() => reopened.WriteStateAsync("job", Job, written));
    }

    public void Dispose()
    {
        foreach (var library in _libraries)
        {
            library.Dispose();
        }
        _directory.Delete(recursive: true);
    }
}
