using System.Diagnostics.CodeAnalysis;
using AudioMusic.Domain;
using AudioMusic.Grains.Hosting;
using AudioMusic.Grains.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace AudioMusic.Grains.Tests;

public sealed class SingleSiloGrainStorageTests
{
    private static readonly GrainId Job = GrainId.Create("job", "j-1");

    private readonly SingleSiloGrainStorage _storage = new(new OrleansGrainStorageSerializer(
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>()));

    private sealed class StoredJob : IGrainState<JobState>
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
        await _storage.WriteStateAsync("job", Job, written);
        Assert.True(written.RecordExists);
        Assert.NotNull(written.ETag);

        // Changing the grain's object after the write must not change what is stored.
        written.State.Status = JobStatus.Failed;
        var read = new StoredJob();
        await _storage.ReadStateAsync("job", Job, read);
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
        await _storage.ReadStateAsync("job", GrainId.Create("job", "nobody"), read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Null(read.State.Request);
    }

    [Fact]
    public async Task A_write_from_a_stale_copy_is_refused()
    {
        var first = new StoredJob();
        await _storage.WriteStateAsync("job", Job, first);
        var stale = new StoredJob { ETag = first.ETag };
        await _storage.WriteStateAsync("job", Job, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("job", Job, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("job", Job, new StoredJob()));
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync("job", Job, stale));
    }

    [Fact]
    public async Task Clearing_removes_the_state()
    {
        var state = new StoredJob();
        await _storage.WriteStateAsync("job", Job, state);
        await _storage.ClearStateAsync("job", Job, state);
        Assert.False(state.RecordExists);
        var read = new StoredJob();
        await _storage.ReadStateAsync("job", Job, read);
        Assert.False(read.RecordExists);
        // A new job under the same id can be written again from scratch.
        await _storage.WriteStateAsync("job", Job, new StoredJob());
    }
}
