using AudioMusic.Domain;
using AudioMusic.Storage;
using AudioMusic.Storage.Memory;

namespace AudioMusic.Grains.Tests;

/// <summary>A transition whose second write fails (the index, as when a silo dies between the job's two writes or the
/// database refuses one call) must not strand the job: its state says PROCESSING with a lease, its index PENDING.</summary>
public sealed class PersistFailureTests : IAsyncLifetime
{
    private readonly FailingJobIndex _index = new();
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(cpuDevices: 0, index: _index);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_start_whose_index_write_failed_is_recovered_when_its_lease_runs_out()
    {
        var id = Guid.NewGuid().ToString();
        var job = _cluster.Job(id);
        await job.Submit(new JobSubmission(
            new GenerationRequest { Task = MusicTask.Text2Music, Caption = "x", DurationSeconds = 10, Format = AudioFormat.Wav }, 7, null, null));
        // As a device's Next does: the job leaves the line when it is handed out.
        await _cluster.Queue.Remove(id);

        _index.FailNextUpsert(id, JobStatus.Processing);
        await Assert.ThrowsAnyAsync<Exception>(() => job.Start("device-a"));

        // The device reports the job not started and the queue offers it again: the next Start reads what is stored
        // (PROCESSING, attempt 1) rather than acting on the failed call's leftovers, and refuses.
        Assert.Null(await job.Start("device-b"));
        // The index now shows the stored lease; it runs out (3 s) and the sweep puts the job back in line.
        var requeued = await Polling.UntilStatusAsync(job, JobStatus.Pending, TimeSpan.FromSeconds(15));
        Assert.Contains("stopped renewing", requeued.ErrorMessage);
        var entry = Assert.Single(await _index.PendingAsync(10, CancellationToken.None));
        Assert.Equal(id, entry.JobId);
        var second = await job.Start("device-b");
        Assert.Equal(2, second!.Attempt);
    }

    /// <summary>The in-memory index, except that one upsert named in advance (a job in a status) fails once.</summary>
    private sealed class FailingJobIndex : IJobIndex
    {
        private readonly MemoryJobIndex _inner = new();
        private readonly Lock _gate = new();
        private (string JobId, JobStatus Status)? _failNext;

        public void FailNextUpsert(string jobId, JobStatus status)
        {
            lock (_gate)
            {
                _failNext = (jobId, status);
            }
        }

        public Task UpsertAsync(JobIndexEntry entry, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (_failNext == (entry.JobId, entry.Status))
                {
                    _failNext = null;
                    throw new InvalidOperationException("the index refused the write");
                }
            }
            return _inner.UpsertAsync(entry, cancellationToken);
        }

        public Task DeleteAsync(string jobId, CancellationToken cancellationToken) => _inner.DeleteAsync(jobId, cancellationToken);

        public Task<JobPage> QueryAsync(JobQuery query, CancellationToken cancellationToken) => _inner.QueryAsync(query, cancellationToken);

        public Task<IReadOnlyDictionary<JobStatus, long>> CountByStatusAsync(string? owner, CancellationToken cancellationToken) =>
            _inner.CountByStatusAsync(owner, cancellationToken);

        public Task<IReadOnlyList<JobIndexEntry>> PendingAsync(int limit, CancellationToken cancellationToken) => _inner.PendingAsync(limit, cancellationToken);

        public Task<IReadOnlyList<JobIndexEntry>> ExpiredLeasesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
            _inner.ExpiredLeasesAsync(now, limit, cancellationToken);

        public Task<IReadOnlyList<JobIndexEntry>> AudioStoredBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken) =>
            _inner.AudioStoredBeforeAsync(cutoff, limit, cancellationToken);
    }
}
