using AudioMusic.Domain;
using AudioMusic.Storage;

namespace AudioMusic.Grains.Jobs;

/// <summary>What a job's state looks like from outside: the view clients get and the entry the job index keeps.</summary>
internal static class JobProjections
{
    /// <summary>Simple-mode jobs are listed as "simple" although the planned request is text2music or similar.</summary>
    public static MusicTask ListedTask(JobState job) => job.Plan is not null ? MusicTask.Simple : job.Request!.Task;

    public static JobIndexEntry IndexEntry(JobState job, string jobId, DateTimeOffset now)
    {
        var request = job.Request!;
        var search = string.Join('\n', new[] { job.DisplayName, request.Caption, request.Lyrics, request.Query, job.Plan?.Caption }
            .Where(s => !string.IsNullOrEmpty(s)));
        // Audio counts as stored from completion until retention deletes it: the retention sweep reads this.
        var audioStoredAt = job.Status == JobStatus.Completed && job.AudioExpiredAt is null ? job.CompletedAt : null;
        return new JobIndexEntry(jobId, job.Owner, ListedTask(job), job.Status, job.DisplayName, search, job.CreatedAt,
            now, job.Attempt, job.Status == JobStatus.Processing ? job.LeaseExpiresAt : null, audioStoredAt);
    }

    public static JobView View(JobState job, string jobId, int? queuePosition, double? etaSeconds) => new()
    {
        Id = jobId,
        Task = ListedTask(job),
        Status = job.Status,
        Progress = Math.Round(job.Progress, 1),
        Stage = job.Stage,
        QueuePosition = queuePosition,
        EtaSeconds = etaSeconds,
        DisplayName = job.DisplayName,
        Request = job.Request!,
        Resolved = job.Resolved,
        Plan = job.Plan,
        Seeds = job.Seeds,
        Audio = job.Audio,
        CreatedAt = job.CreatedAt,
        StartedAt = job.StartedAt,
        CompletedAt = job.CompletedAt,
        ErrorMessage = job.Status is JobStatus.Failed or JobStatus.Pending ? job.Error : null,
        Attempt = job.Attempt,
        Device = job.Status == JobStatus.Processing ? job.Device : null,
        Owner = job.Owner,
        AudioExpiredAt = job.AudioExpiredAt,
        AudioExpiredBy = job.AudioExpiredBy,
    };
}
