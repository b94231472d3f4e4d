using System.Collections.Concurrent;
using AudioMusic.Domain;

namespace AudioMusic.Storage.Memory;

/// <summary>The job index of the embedded single-silo default. Lives as long as the process.</summary>
public sealed class MemoryJobIndex : IJobIndex
{
    private readonly ConcurrentDictionary<string, JobIndexEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>The running jobs with a lease, apart: the queue's lease sweep reads only these, every few seconds and
    /// inside the queue grain's turn, so its cost must not grow with the jobs that wait or have finished.</summary>
    private readonly ConcurrentDictionary<string, JobIndexEntry> _leased = new(StringComparer.Ordinal);

    /// <summary>Enumerating the dictionary itself takes no lock; its Values property locks every bucket and copies the
    /// whole index, which would stall every job's index write while a listing or a count scans.</summary>
    private IEnumerable<JobIndexEntry> Entries => _entries.Select(pair => pair.Value);

    public Task UpsertAsync(JobIndexEntry entry, CancellationToken cancellationToken)
    {
        _entries[entry.JobId] = entry;
        // Writes of one job come from its JobGrain one at a time, so the two dictionaries cannot disagree for long.
        if (entry is { Status: JobStatus.Processing, LeaseExpiresAt: not null })
        {
            _leased[entry.JobId] = entry;
        }
        else
        {
            _leased.TryRemove(entry.JobId, out _);
        }
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string jobId, CancellationToken cancellationToken)
    {
        _entries.TryRemove(jobId, out _);
        _leased.TryRemove(jobId, out _);
        return Task.CompletedTask;
    }

    public Task<JobPage> QueryAsync(JobQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        var hasCursor = JobCursor.TryDecode(query.Cursor, out var cursor);
        var page = Entries
            .Where(e => query.Owner is null || e.Owner == query.Owner)
            .Where(e => query.Status is null || e.Status == query.Status)
            .Where(e => query.Task is null || e.Task == query.Task)
            .Where(e => string.IsNullOrEmpty(query.Text) || e.SearchText.Contains(query.Text, StringComparison.OrdinalIgnoreCase))
            .Where(e => !hasCursor || cursor.Precedes(e))
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.JobId, StringComparer.Ordinal)
            .Take(query.Limit + 1)
            .ToList();
        string? next = null;
        if (page.Count > query.Limit)
        {
            page.RemoveAt(page.Count - 1);
            next = new JobCursor(page[^1].CreatedAt, page[^1].JobId).Encode();
        }
        return Task.FromResult(new JobPage(page, next));
    }

    public Task<IReadOnlyDictionary<JobStatus, long>> CountByStatusAsync(string? owner, CancellationToken cancellationToken)
    {
        var counts = Enum.GetValues<JobStatus>().ToDictionary(s => s, _ => 0L);
        foreach (var entry in Entries)
        {
            if (owner is null || entry.Owner == owner)
            {
                counts[entry.Status]++;
            }
        }
        return Task.FromResult<IReadOnlyDictionary<JobStatus, long>>(counts);
    }

    public Task<IReadOnlyList<JobIndexEntry>> PendingAsync(int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<JobIndexEntry>>(Entries
            .Where(e => e.Status == JobStatus.Pending)
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.JobId, StringComparer.Ordinal)
            .Take(limit).ToList());

    public Task<IReadOnlyList<JobIndexEntry>> ExpiredLeasesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<JobIndexEntry>>(_leased.Select(pair => pair.Value)
            .Where(e => e.LeaseExpiresAt is { } lease && lease < now)
            .OrderBy(e => e.LeaseExpiresAt).ThenBy(e => e.JobId, StringComparer.Ordinal)
            .Take(limit).ToList());

    public Task<IReadOnlyList<JobIndexEntry>> AudioStoredBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<JobIndexEntry>>(Entries
            .Where(e => e.AudioStoredAt is { } stored && stored < cutoff)
            .OrderBy(e => e.AudioStoredAt).ThenBy(e => e.JobId, StringComparer.Ordinal)
            .Take(limit).ToList());
}
