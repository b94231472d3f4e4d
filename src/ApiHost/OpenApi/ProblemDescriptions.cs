namespace AudioMusic.ApiHost.OpenApi;

/// <summary>What each problem status means in this API (docs/api.md, Errors, says the same at more length).</summary>
public static class ProblemDescriptions
{
    public static string For(int status) => status switch
    {
        400 => "Invalid input (`/problems/validation`, each wrong field under `errors`), or a request no device can ever run (`/problems/unservable`, naming the field to change).",
        404 => "Unknown job (anything that is not a job id is unknown), variation or stem; lyrics of an output where nothing is sung.",
        409 => "The job's state does not allow this (`/problems/conflict`), or an Idempotency-Key reused with another request (`/problems/idempotency-conflict`).",
        410 => "The job's audio was deleted by retention or the memory limit (`/problems/audio-expired`); the job itself stays.",
        413 => "The body is over 64 KiB.",
        415 => "The body is not application/json.",
        416 => "The requested range starts past the end of the file.",
        429 => "The queue is full (`/problems/queue-full`); come back after Retry-After seconds.",
        503 => "The cluster (or its database) cannot answer right now; nothing was created. Retry after Retry-After seconds.",
        507 => "The disk that keeps the audio is below Storage:MinFreeDiskMb (`/problems/insufficient-storage`); nothing was created.",
        _ => "A problem document.",
    };
}
