using AudioMusic.Domain;

namespace AudioMusic.ApiHost.OpenApi;

/// <summary>What each route promises beyond its success shape: a readable operation id for generated clients, its tag,
/// every problem status it can answer (docs/api.md, Errors), and the headers that come with them. Kept as one table so
/// a reader sees the whole API's error surface at once; the suite checks real answers against the document built from it.</summary>
public static class RouteContracts
{
    public const string Generation = "Generation";
    public const string Jobs = "Jobs";
    public const string Outputs = "Outputs";
    public const string Catalog = "Catalog";
    public const string Access = "Access";

    /// <summary>Statuses every route can answer whatever it does: the cluster unreachable (503, with Retry-After).</summary>
    private static readonly int[] Always = [503];

    private static readonly int[] Submit = [400, 409, 413, 415, 429, 507];
    private static readonly int[] Download = [400, 404, 409, 410, 416];

    public static IReadOnlyList<RouteContract> All { get; } =
    [
        .. Enum.GetValues<MusicTask>().Select(task => new RouteContract("POST", $"/api/v1/music/{task.ToWire()}",
            $"Submit{Pascal(task)}", Generation, [.. Submit, .. Always],
            RequestSchemas.Describe(task) + " Answers 202 with the job (PENDING, with its queue_position) and its status URL in Location. " +
            "An Idempotency-Key header makes a retried submit return the same job instead of a second one.", task)),
        new("POST", "/api/v1/music/simple/plan", "PlanSimpleSong", Generation, [400, 413, 415, .. Always],
            "The plan simple mode would generate from the query (caption, lyrics, bpm, key, meter, duration), without creating a job."),
        new("GET", "/api/v1/music/jobs/{id}/status", "GetJob", Jobs, [404, .. Always],
            "A job's status, progress, stage, queue position, parameters, resolved values and outputs."),
        new("GET", "/api/v1/jobs/{id}/status", "GetJobByShortPath", Jobs, [404, .. Always],
            "The same as GET /api/v1/music/jobs/{id}/status, under the shorter path some clients use."),
        new("GET", "/api/v1/music/jobs/{id}/events", "StreamJobEvents", Jobs, [400, 404, .. Always],
            "The job's events as Server-Sent Events (text/event-stream): id is the event's sequence, event its type (job.queued, " +
            "job.started, job.progress, job.requeued, job.completed, job.failed, job.cancelled, job.deleted), data a JobEventDto. " +
            "Replays after Last-Event-ID (or ?after=N), then streams live with a heartbeat comment every 15 s, and ends after " +
            "the terminal event; 204 when the reader has already seen it."),
        new("GET", "/api/v1/music/jobs/{id}/webhooks", "GetJobWebhooks", Jobs, [404, .. Always],
            "The job's callback_url, its event filter, and every stored delivery (one per event, with its webhook-id) with each " +
            "attempt's time, status code or error, and the next retry. Progress deliveries are sent once and not recorded."),
        new("GET", "/api/v1/music/events", "StreamAllEvents", Jobs, [400],
            "Every job's events as one Server-Sent Events stream (data: FeedEventDto, with the job's id), for dashboards and job " +
            "lists: resumes after Last-Event-ID (or ?after=N) from a window of recent events kept in memory, then streams live " +
            "with a heartbeat comment every 15 s. The durable record of one job's events is that job's own stream."),
        new("GET", "/api/v1/music/jobs", "ListJobs", Jobs, [400, .. Always],
            "Jobs newest first, filtered by status, task and text (display name, caption, lyrics, query); continue with next_cursor."),
        new("GET", "/api/v1/music/jobs/counts", "CountJobs", Jobs, [.. Always], "How many jobs there are in each status."),
        new("PATCH", "/api/v1/music/jobs/{id}", "RenameJob", Jobs, [400, 404, 413, 415, .. Always],
            "Renames a job: display_name only (null clears it); any other field is refused."),
        new("DELETE", "/api/v1/music/jobs/{id}", "DeleteJob", Jobs, [404, .. Always],
            "Cancels a pending or running job (200 with the job), or deletes a finished one with its audio (204). A second DELETE " +
            "of a cancelled job deletes it: use POST …/cancel to cancel idempotently."),
        new("POST", "/api/v1/music/jobs/{id}/cancel", "CancelJob", Jobs, [404, 409, .. Always],
            "Cancels a pending or running job; the engine stops within a second. Cancelling a cancelled job is a 200 that changes nothing."),
        new("POST", "/api/v1/music/jobs/{id}/retry", "RetryJob", Jobs, [404, 409, 429, .. Always],
            "Queues a FAILED or CANCELLED job again with the same seeds (202)."),
        new("GET", "/api/v1/music/jobs/{id}/audio", "DownloadAudio", Outputs, [.. Download, .. Always],
            "A variation's audio in any format, bitrate and sample rate (made once on the first request, from the FLAC master); " +
            "supports Range, If-None-Match and If-Range."),
        new("GET", "/api/v1/music/jobs/{id}/stems/{name}", "DownloadStem", Outputs, [.. Download, .. Always],
            "One stem (vocals, drums, bass, other) of a job that asked for stems, in any format, like the audio route."),
        new("GET", "/api/v1/music/jobs/{id}/waveform", "GetWaveform", Outputs, [400, 404, 409, 410, .. Always],
            "Min/max peaks per channel in BBC audiowaveform's JSON (version 2), 16–8192 points, of the mix or of one stem."),
        new("GET", "/api/v1/music/jobs/{id}/lyrics", "GetLyrics", Outputs, [400, 404, 409, 410, .. Always],
            "The sung lines with their times: LRC text (the default) or JSON with each line's start and end."),
        new("GET", "/api/v1/music/presets", "ListPresets", Catalog, [], "The genre presets: caption, tags, tempo range, meters, keys."),
        new("GET", "/api/v1/music/model/status", "GetModelStatus", Catalog, [.. Always],
            "Devices (state, running job, counters), engines (tasks, limits, where each can run and why not elsewhere), the queue."),
        new("POST", "/api/v1/admin/keys", "CreateApiKey", Access, [400, 403, 404, 413, 415, .. Always],
            "Admin key only. Makes a key for a tenant (a new tenant unless one is named) with optional limits and expiry; " +
            "the answer (201) carries the key's secret, which is not stored and cannot be shown again."),
        new("GET", "/api/v1/admin/keys", "ListApiKeys", Access, [403, 404, .. Always], "Admin key only. Every key, without secrets."),
        new("GET", "/api/v1/admin/keys/{id}", "GetApiKey", Access, [403, 404, .. Always], "Admin key only. One key, without its secret."),
        new("PATCH", "/api/v1/admin/keys/{id}", "ChangeApiKeyLimits", Access, [400, 403, 404, 413, 415, .. Always],
            "Admin key only. The limits sent replace the key's (null removes one); every API host applies them within 5 s."),
        new("DELETE", "/api/v1/admin/keys/{id}", "RevokeApiKey", Access, [403, 404, .. Always],
            "Admin key only. Revokes the key for good (idempotent); every API host refuses it within 5 s."),
        new("GET", "/api/v1/webhooks/secret", "GetWebhookSecret", Access, [404, .. Always],
            "The caller's tenant's webhook signing secret (made on first use), and after a rotation the previous one while it " +
            "still signs beside it. 404 without a tenant key: then deliveries are signed with the service's Webhooks:Secret."),
        new("POST", "/api/v1/webhooks/secret/rotate", "RotateWebhookSecret", Access, [404, .. Always],
            "A new signing secret for the caller's tenant; the old one keeps signing beside it for Webhooks:RotationGrace (24 h)."),
        new("GET", "/api/v1/usage", "GetUsage", Access, [400, 403, .. Always],
            "The caller's tenant's jobs by status, its key's limits and what is left of them; the admin key reads any tenant's with ?tenant=."),
    ];

    public static RouteContract? Find(string method, string path) =>
        All.FirstOrDefault(r => r.Method.Equals(method, StringComparison.OrdinalIgnoreCase) && r.Path == path);

    private static string Pascal(MusicTask task) => task switch
    {
        MusicTask.Text2Music => "Text2Music",
        MusicTask.Prompt2Instrumental => "Prompt2Instrumental",
        MusicTask.Text2Rap => "Text2Rap",
        MusicTask.Lyric2Vocals => "Lyric2Vocals",
        MusicTask.Text2Samples => "Text2Samples",
        _ => "Simple",
    };
}

/// <summary>One route: method and path template as the document lists them, and what the table says of it.
/// <paramref name="Task"/> is set on the generation routes, whose body schema comes from <see cref="RequestSchemas"/>.</summary>
public sealed record RouteContract(string Method, string Path, string OperationId, string Tag, IReadOnlyList<int> ProblemStatuses,
    string Description, MusicTask? Task = null);
