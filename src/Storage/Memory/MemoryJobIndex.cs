using System.Collections.Concurrent;
using AudioMusic.Domain;

namespace AudioMusic.Storage.Memory;

/// <summary>The job index of the embedded single-silo default. Lives as long as the process.</summary>
public sealed class MemoryJobIndex : IJobIndex
{
    private readonly ConcurrentDictionary<string, JobIndexEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>Enumerating the dictionary itself takes no lock; its Values property locks every bucket and copies the
    /// whole index, which would stall every job's index write while the queue's lease sweep scans.</summary>
    private IEnumerable<JobIndexEntry> Entries => _entries.Select(pair => pair.Value);

    public Task UpsertAsync(JobIndexEntry entry, CancellationToken cancellationToken)
    {
        _entries[entry.JobId] = entry;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string jobId, CancellationToken cancellationToken)
    {
        _entries.TryRemove(jobId, out _);
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
        Task.FromResult<IReadOnlyList<JobIndexEntry>>(Entries
            .Where(e => e.Status == JobStatus.Processing && e.LeaseExpiresAt is { } lease && lease < now)
            .OrderBy(e => e.LeaseExpiresAt).ThenBy(e => e.JobId, StringComparer.Ordinal)
            .Take(limit).ToList());
}
