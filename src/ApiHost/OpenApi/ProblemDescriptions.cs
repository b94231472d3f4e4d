namespace AudioMusic.ApiHost.OpenApi;

/// <summary>What each problem status means in this API (docs/api.md, Errors, says the same at more length).</summary>
public static class ProblemDescriptions
{
    public static string For(int status) => status switch
    {
        400 => "Invalid input (`/problems/validation`, each wrong field under `errors`), or a request no device can ever run (`/problems/unservable`, naming the field to change).",
        404 => "Unknown job (anything that is not a job id is unknown, and so is another tenant's job), variation or stem; lyrics of an output where nothing is sung; an unknown API key id, or any admin route while keys are off.",
        409 => "The job's state does not allow this (`/problems/conflict`), or an Idempotency-Key reused with another request (`/problems/idempotency-conflict`).",
        410 => "The job's audio was deleted by retention or the memory limit (`/problems/audio-expired`); the job itself stays.",
        413 => "The body is over 64 KiB.",
        415 => "The body is not application/json.",
        416 => "The requested range starts past the end of the file.",
        401 => "With Auth:Mode=ApiKeys: no key, or one that is not valid (unknown, revoked, expired or malformed: one answer for all) (`/problems/unauthorized`).",
        403 => "The key may not do this: a tenant key on an admin route, or reading another tenant's usage (`/problems/forbidden`).",
        429 => "The queue is full (`/problems/queue-full`), a limit of the key is reached (`/problems/quota-exceeded`), the key's requests per minute are used up (`/problems/rate-limited`, with the RateLimit and RateLimit-Policy headers), or this address sent too many invalid keys (`/problems/too-many-failures`); come back after Retry-After seconds.",
        503 => "The cluster (or its database) cannot answer right now; nothing was created, except that a submit the cluster stopped answering part-way may have been stored: send it again with the same Idempotency-Key to get that job. Retry after Retry-After seconds.",
        507 => "The disk that keeps the audio is below Storage:MinFreeDiskMb (`/problems/insufficient-storage`); nothing was created.",
        _ => "A problem document.",
    };
}
