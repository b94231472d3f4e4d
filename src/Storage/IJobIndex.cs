using AudioMusic.Domain;

namespace AudioMusic.Storage;

/// <summary>A queryable copy of each job's headline fields, written by the JobGrain on every state change.
/// Grain state stays the source of truth; the index serves listing, counts, and the recovery sweep.</summary>
public interface IJobIndex
{
    Task UpsertAsync(JobIndexEntry entry, CancellationToken cancellationToken);

    Task DeleteAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Newest first; <see cref="JobQuery.Cursor"/> continues after the last entry of the previous page.</summary>
    Task<JobPage> QueryAsync(JobQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<JobStatus, long>> CountByStatusAsync(string? owner, CancellationToken cancellationToken);

    /// <summary>Pending jobs oldest first, for rebuilding the dispatch queue after a restart.</summary>
    Task<IReadOnlyList<JobIndexEntry>> PendingAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Processing jobs whose device lease ran out before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<JobIndexEntry>> ExpiredLeasesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Jobs whose audio was stored before <paramref name="cutoff"/> and is still kept, oldest first (the retention sweep).</summary>
    Task<IReadOnlyList<JobIndexEntry>> AudioStoredBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken);
}

public sealed record JobIndexEntry(
    string JobId,
    string? Owner,
    MusicTask Task,
    JobStatus Status,
    string? DisplayName,
    string SearchText,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Attempt,
    DateTimeOffset? LeaseExpiresAt,
    DateTimeOffset? AudioStoredAt = null);

/// <summary>Filters for listing; <see cref="Text"/> matches display name, caption, lyrics or query, ignoring case.</summary>
public sealed record JobQuery(string? Owner, JobStatus? Status, MusicTask? Task, string? Text, string? Cursor, int Limit);

public sealed record JobPage(IReadOnlyList<JobIndexEntry> Entries, string? NextCursor);
