using System.Text.Json;
using AudioMusic.ApiHost.Access;
using AudioMusic.ApiHost.Downloads;
using AudioMusic.ApiHost.Json;
using AudioMusic.ApiHost.Resilience;
using AudioMusic.Contracts;
using AudioMusic.Domain;
using AudioMusic.Grains;
using Microsoft.AspNetCore.Mvc;

namespace AudioMusic.ApiHost.Controllers;

/// <summary>Reading, listing, renaming, cancelling, deleting, retrying jobs and downloading their audio.</summary>
[ApiController]
public sealed class JobsController : ControllerBase
{
    private const string Jobs = "api/v1/music/jobs";

    private readonly IGrainFactory _grains;
    private readonly AudioDownloads _downloads;
    private readonly ClusterReads _reads;
    private readonly JobLookup _jobs;

    public JobsController(IGrainFactory grains, AudioDownloads downloads, ClusterReads reads, JobLookup jobs)
    {
        _grains = grains;
        _downloads = downloads;
        _reads = reads;
        _jobs = jobs;
    }

    /// <summary>A job's status, progress, parameters and results.</summary>
    [HttpGet(Jobs + "/{id}/status")]
    [HttpGet("api/v1/jobs/{id}/status")]
    [ProducesResponseType<JobEnvelope>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Status(string id)
    {
        var job = await FindAsync(id);
        return job is null ? JobNotFound(id) : Ok(new JobEnvelope(JobMapper.ToDto(job), job.Status.ToWire().ToLowerInvariant()));
    }

    /// <summary>Jobs newest first, filtered by status, task and text; continue with next_cursor.</summary>
    [HttpGet(Jobs)]
    [ProducesResponseType<JobListDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List([FromQuery] string? status, [FromQuery] string? task, [FromQuery] string? q, [FromQuery] string? cursor, [FromQuery] string? limit)
    {
        var errors = new List<FieldError>();
        JobStatus? statusFilter = null;
        if (status is not null)
        {
            if (JobStatusNames.TryParse(status, out var s))
            {
                statusFilter = s;
            }
            else
            {
                errors.Add(new FieldError("status", "must be one of PENDING, PROCESSING, COMPLETED, FAILED, CANCELLED"));
            }
        }
        MusicTask? taskFilter = null;
        if (task is not null)
        {
            if (MusicTaskNames.TryParse(task, out var t))
            {
                taskFilter = t;
            }
            else
            {
                errors.Add(new FieldError("task", $"must be one of {string.Join(", ", MusicTaskNames.All)}"));
            }
        }
        var pageSize = ApiLimits.DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > ApiLimits.MaxPageSize))
        {
            errors.Add(new FieldError("limit", $"must be an integer from 1 to {ApiLimits.MaxPageSize}"));
        }
        if (q is { Length: > 200 })
        {
            errors.Add(new FieldError("q", "must be at most 200 characters"));
        }
        if (cursor is not null && !Storage.JobCursor.TryDecode(cursor, out _))
        {
            errors.Add(new FieldError("cursor", "is not a cursor this API returned"));
        }
        if (errors.Count > 0)
        {
            return Problems.Problems.Validation(errors);
        }
        var query = new JobListQuery(HttpContext.Caller().Tenant, statusFilter, taskFilter, string.IsNullOrWhiteSpace(q) ? null : q.Trim(), cursor, pageSize);
        var page = await _reads.RunAsync(() => _grains.GetGrain<IJobCatalogGrain>(0).List(query), HttpContext.RequestAborted);
        return Ok(new JobListDto(page.Jobs.Select(JobMapper.ToDto).ToList(), page.NextCursor));
    }

    /// <summary>How many jobs are in each status.</summary>
    [HttpGet(Jobs + "/counts")]
    [ProducesResponseType<JobCountsDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Counts()
    {
        var counts = await _reads.RunAsync(() => _grains.GetGrain<IJobCatalogGrain>(0).Counts(HttpContext.Caller().Tenant), HttpContext.RequestAborted);
        return Ok(new JobCountsDto(counts.Values.Sum(), Enum.GetValues<JobStatus>().ToDictionary(s => s.ToWire(), s => counts.GetValueOrDefault(s))));
    }

    /// <summary>Downloads a variation's audio in any format, bitrate and sample rate; supports HTTP range requests.</summary>
    [HttpGet(Jobs + "/{id}/audio")]
    public async Task<IActionResult> Audio(string id, [FromQuery] AudioQuery query)
    {
        var job = await FindAsync(id);
        if (job is null)
        {
            return JobNotFound(id);
        }
        return await _downloads.ServeAsync(job, query, stem: null, HttpContext);
    }

    /// <summary>Renames a job (display_name, or null to clear it).</summary>
    [HttpPatch(Jobs + "/{id}")]
    [ProducesResponseType<JobEnvelope>(StatusCodes.Status200OK)]
    [Consumes("application/json", "application/merge-patch+json")]
    [RequestSizeLimit(ApiLimits.MaxRequestBodyBytes)]
    public async Task<IActionResult> Patch(string id, [FromBody] JsonElement body)
    {
        if (!await IsVisibleAsync(id))
        {
            return JobNotFound(id);
        }
        var errors = new List<FieldError>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Problems.Problems.Validation([new FieldError("body", "must be a JSON object")]);
        }
        errors.AddRange(body.EnumerateObject().Where(p => p.Name != "display_name")
            .Select(p => new FieldError(p.Name, "cannot be changed; only display_name can")));
        if (!body.TryGetProperty("display_name", out _))
        {
            errors.Add(new FieldError("display_name", "is required"));
        }
        var name = new GenerationInputReader.FieldReader(body, errors).String("display_name");
        name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (name is { Length: > RequestLimits.DisplayNameMaxLength })
        {
            errors.Add(new FieldError("display_name", $"must be at most {RequestLimits.DisplayNameMaxLength} characters"));
        }
        if (name is not null && name.Any(char.IsControl))
        {
            errors.Add(new FieldError("display_name", "must not contain control characters"));
        }
        if (errors.Count > 0)
        {
            return Problems.Problems.Validation(errors);
        }
        return ToResult(id, await _grains.GetGrain<IJobGrain>(id).Rename(name), "renamed");
    }

    /// <summary>Cancels a pending or running job, or deletes a finished one with its audio.</summary>
    [HttpDelete(Jobs + "/{id}")]
    [ProducesResponseType<JobEnvelope>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(string id)
    {
        if (!await IsVisibleAsync(id))
        {
            return JobNotFound(id);
        }
        var outcome = await _grains.GetGrain<IJobGrain>(id).Delete();
        if (outcome.Status == CommandStatus.Ok && outcome.Job is null)
        {
            return NoContent();
        }
        return ToResult(id, outcome, "cancelled");
    }

    /// <summary>Cancels a pending or running job. Idempotent: cancelling a cancelled job is a 200 that changes nothing
    /// (unlike DELETE, whose second call deletes), so a repeated click or a retried request cannot lose the job.</summary>
    [HttpPost(Jobs + "/{id}/cancel")]
    [ProducesResponseType<JobEnvelope>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Cancel(string id)
    {
        if (!await IsVisibleAsync(id))
        {
            return JobNotFound(id);
        }
        var outcome = await _grains.GetGrain<IJobGrain>(id).Cancel();
        if (outcome is { Status: CommandStatus.Conflict, Job.Status: JobStatus.Cancelled })
        {
            return Ok(new JobEnvelope(JobMapper.ToDto(outcome.Job), "already cancelled"));
        }
        return ToResult(id, outcome, "cancelled");
    }

    /// <summary>Queues a failed or cancelled job again with the same seeds.</summary>
    [HttpPost(Jobs + "/{id}/retry")]
    [ProducesResponseType<JobEnvelope>(StatusCodes.Status202Accepted)]
    public async Task<IActionResult> Retry(string id) =>
        await IsVisibleAsync(id) ? ToResult(id, await _grains.GetGrain<IJobGrain>(id).Retry(), "queued again", StatusCodes.Status202Accepted) : JobNotFound(id);

    private IActionResult ToResult(string id, CommandOutcome outcome, string message, int okStatus = StatusCodes.Status200OK) => outcome.Status switch
    {
        CommandStatus.Ok => new ObjectResult(new JobEnvelope(JobMapper.ToDto(outcome.Job!), message)) { StatusCode = okStatus },
        CommandStatus.NotFound => JobNotFound(id),
        CommandStatus.QueueFull => Problems.Problems.QueueFull(Response, outcome.RetryAfter ?? TimeSpan.FromSeconds(5)),
        _ => Problems.Problems.Conflict(outcome.Message ?? "conflict"),
    };

    private Task<JobView?> FindAsync(string id) => _jobs.FindAsync(id, HttpContext.Caller(), HttpContext.RequestAborted);

    private Task<bool> IsVisibleAsync(string id) => _jobs.IsVisibleAsync(id, HttpContext.Caller(), HttpContext.RequestAborted);

    private static ObjectResult JobNotFound(string id) => JobIds.NotFound(id);
}
