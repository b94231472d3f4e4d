using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AudioMusic.ApiHost.Access;
using AudioMusic.ApiHost.Json;
using AudioMusic.ApiHost.Resilience;
using AudioMusic.ApiHost.Webhooks;
using AudioMusic.Contracts;
using AudioMusic.Domain;
using AudioMusic.Grains;
using Microsoft.AspNetCore.Mvc;

namespace AudioMusic.ApiHost.Submission;

/// <summary>The path of every generation POST: read and validate the body, plan simple-mode songs, pick the seed,
/// honour the Idempotency-Key, and hand the job to its JobGrain. Either a job exists afterwards or nothing does.</summary>
public sealed class JobSubmitter
{
    public const int MaxIdempotencyKeyLength = 255;

    private readonly IGrainFactory _grains;
    private readonly DiskSpaceGuard _disk;
    private readonly WebhookFields _webhooks;
    private readonly TenantQuotas _quotas;
    private readonly ClusterReads _calls;

    public JobSubmitter(IGrainFactory grains, DiskSpaceGuard disk, WebhookFields webhooks, TenantQuotas quotas, ClusterReads calls)
    {
        _grains = grains;
        _disk = disk;
        _webhooks = webhooks;
        _quotas = quotas;
        _calls = calls;
    }

    public async Task<IActionResult> SubmitAsync(MusicTask task, JsonElement body, string? idempotencyKey, HttpResponse response)
    {
        var (request, errors) = Parse(task, body);
        var (webhook, webhookErrors) = await _webhooks.ReadAsync(body, response.HttpContext.Caller().Tenant is not null, response.HttpContext.RequestAborted);
        if (request is null || webhookErrors.Count > 0)
        {
            return Problems.Problems.Validation([.. errors, .. webhookErrors]);
        }
        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > MaxIdempotencyKeyLength || idempotencyKey.Any(char.IsControl)))
        {
            return Problems.Problems.Validation([new FieldError("Idempotency-Key", $"must be 1–{MaxIdempotencyKeyLength} printable characters")]);
        }
        if (_disk.WhyFull() is { } full)
        {
            return Problems.Problems.Status(StatusCodes.Status507InsufficientStorage, "/problems/insufficient-storage",
                "The disk that keeps the audio is nearly full.", full);
        }
        var caller = response.HttpContext.Caller();

        var seed = request.Seed >= 0 ? request.Seed : Random.Shared.Next(0, int.MaxValue);
        SongPlan? plan = null;
        if (task == MusicTask.Simple)
        {
            plan = await _grains.GetGrain<ISimpleModePlannerGrain>(0).Plan(request, seed);
            request = plan.ToRequest(request);
            var planErrors = GenerationRequestValidator.Validate(request);
            if (planErrors.Count > 0)
            {
                throw new InvalidOperationException($"The planner wrote an invalid request: {string.Join("; ", planErrors)}");
            }
        }

        var jobId = Guid.CreateVersion7().ToString();
        IIdempotencyGrain? claimGrain = null;
        if (idempotencyKey is not null)
        {
            claimGrain = _grains.GetGrain<IIdempotencyGrain>($"{caller.IdempotencyScope}/{idempotencyKey}");
            var claim = await claimGrain.Claim(Fingerprint(task, body), jobId);
            if (claim.Conflicts)
            {
                return Problems.Problems.Status(StatusCodes.Status409Conflict, "/problems/idempotency-conflict",
                    "The Idempotency-Key was used for a different request.", "Send a new key for a new request.");
            }
            if (!claim.IsNew)
            {
                var existing = await _grains.GetGrain<IJobGrain>(claim.JobId).GetView();
                if (existing is not null)
                {
                    return Accepted(response, existing, "already accepted: this Idempotency-Key was used before");
                }
                jobId = claim.JobId;
            }
        }

        // After the Idempotency-Key: a retry of an accepted submit gets its job even when the tenant is at a limit now.
        if (await _quotas.RefusalAsync(caller, response, response.HttpContext.RequestAborted) is { } refusal)
        {
            await ReleaseAsync(claimGrain, jobId);
            return refusal;
        }
        // The new job's id travels with the call, so another try finds the job an earlier one made: the submit rides out
        // a silo dying under it as a read does, instead of answering 503 for a job that may well exist.
        var submission = new JobSubmission(request, seed, caller.Tenant, plan, webhook);
        var outcome = await _calls.RunAsync(() => _grains.GetGrain<IJobGrain>(jobId).Submit(submission), response.HttpContext.RequestAborted);
        switch (outcome.Status)
        {
            case SubmitStatus.Accepted or SubmitStatus.AlreadyExists:
                return Accepted(response, outcome.Job!, "job accepted; poll its status URL");
            case SubmitStatus.QueueFull:
                await ReleaseAsync(claimGrain, jobId);
                return Problems.Problems.QueueFull(response, outcome.RetryAfter ?? TimeSpan.FromSeconds(5));
            default:
                await ReleaseAsync(claimGrain, jobId);
                return Problems.Problems.Unservable(outcome.Error ?? new FieldError("model", "no device can run this request"));
        }
    }

    /// <summary>Plans a simple-mode request without generating it.</summary>
    public async Task<IActionResult> PlanAsync(JsonElement body)
    {
        var (request, errors) = Parse(MusicTask.Simple, body);
        if (request is null)
        {
            return Problems.Problems.Validation(errors);
        }
        var seed = request.Seed >= 0 ? request.Seed : Random.Shared.Next(0, int.MaxValue);
        var plan = await _grains.GetGrain<ISimpleModePlannerGrain>(0).Plan(request, seed);
        var planned = plan.ToRequest(request) with { Seed = seed };
        return new OkObjectResult(new SimplePlanDto(JobMapper.ToDto(plan), JobMapper.ToDto(planned), seed));
    }

    public static (GenerationRequest? Request, IReadOnlyList<FieldError> Errors) Parse(MusicTask task, JsonElement body)
    {
        var (input, readErrors) = GenerationInputReader.Read(body);
        var parsed = GenerationRequestParser.Parse(task, input);
        var errors = readErrors.Concat(parsed.Errors.Where(e => readErrors.All(r => r.Field != e.Field))).ToList();
        return errors.Count == 0 ? (parsed.Request, errors) : (null, errors);
    }

    private static IActionResult Accepted(HttpResponse response, JobView job, string message)
    {
        response.Headers.Location = $"{JobMapper.JobsBase}/{job.Id}/status";
        return new ObjectResult(new JobEnvelope(JobMapper.ToDto(job), message)) { StatusCode = StatusCodes.Status202Accepted };
    }

    private static async Task ReleaseAsync(IIdempotencyGrain? claim, string jobId)
    {
        if (claim is not null)
        {
            await claim.Release(jobId);
        }
    }

    private static string Fingerprint(MusicTask task, JsonElement body) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(task.ToWire() + "\n" + body.GetRawText())));
}
