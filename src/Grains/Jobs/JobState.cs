using AudioMusic.Domain;

namespace AudioMusic.Grains.Jobs;

/// <summary>The persisted state of a job. <see cref="Request"/> is null while the id holds no job.</summary>
[GenerateSerializer]
public sealed class JobState
{
    [Id(0)] public GenerationRequest? Request { get; set; }
    [Id(1)] public SongPlan? Plan { get; set; }
    [Id(2)] public IReadOnlyList<int> Seeds { get; set; } = [];
    [Id(3)] public string? Owner { get; set; }
    [Id(4)] public JobStatus Status { get; set; }
    [Id(5)] public double Progress { get; set; }
    [Id(6)] public string Stage { get; set; } = "";
    [Id(7)] public int Attempt { get; set; }
    [Id(8)] public string? Device { get; set; }
    [Id(9)] public DateTimeOffset? LeaseExpiresAt { get; set; }
    [Id(10)] public long QueueSequence { get; set; }
    [Id(11)] public DateTimeOffset CreatedAt { get; set; }
    [Id(12)] public DateTimeOffset? StartedAt { get; set; }
    [Id(13)] public DateTimeOffset? CompletedAt { get; set; }
    [Id(14)] public string? Error { get; set; }
    [Id(15)] public ResolvedParameters? Resolved { get; set; }
    [Id(16)] public IReadOnlyList<JobAudio> Audio { get; set; } = [];
    [Id(17)] public string? DisplayName { get; set; }
    /// <summary>The attempt number when the client last retried; the attempt limit counts from here.</summary>
    [Id(18)] public int AttemptsBeforeRetry { get; set; }
    /// <summary>When retention or the memory limit deleted the audio; the outputs' descriptions stay, their files are gone.</summary>
    [Id(19)] public DateTimeOffset? AudioExpiredAt { get; set; }
    [Id(20)] public AudioExpiry? AudioExpiredBy { get; set; }
    /// <summary>The recent transitions, for readers that resume (see JobEventLog), and how many there have been.</summary>
    [Id(21)] public IReadOnlyList<Events.JobEvent> Events { get; set; } = [];
    [Id(22)] public long EventTransitions { get; set; }
    /// <summary>Where the job's events are posted, if the client asked.</summary>
    [Id(23)] public Webhooks.WebhookSubscription? Webhook { get; set; }
    /// <summary>When the current attempt started (<see cref="StartedAt"/> is the first attempt's), for its ETA.</summary>
    [Id(24)] public DateTimeOffset? AttemptStartedAt { get; set; }
    /// <summary>The W3C trace context of the submit, so every attempt's spans join the request's trace.</summary>
    [Id(25)] public string? TraceParent { get; set; }

    /// <summary>When the job last entered the queue (submit, retry, re-queue). Its queue sequence encodes its turn, not
    /// a time (the queue serves tenants in turn).</summary>
    [Id(26)] public DateTimeOffset? QueuedAt { get; set; }
}
