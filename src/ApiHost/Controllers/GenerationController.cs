using System.Text.Json;
using AudioMusic.ApiHost.Submission;
using AudioMusic.Contracts;
using AudioMusic.Domain;
using Microsoft.AspNetCore.Mvc;

namespace AudioMusic.ApiHost.Controllers;

/// <summary>The generation routes. Each answers 202 with the new job, or a problem naming what is wrong.</summary>
[ApiController]
[Route("api/v1/music")]
[Consumes("application/json")]
[RequestSizeLimit(ApiLimits.MaxRequestBodyBytes)]
public sealed class GenerationController : ControllerBase
{
    private readonly JobSubmitter _submitter;

    public GenerationController(JobSubmitter submitter) => _submitter = submitter;

    /// <summary>A song from a caption, with vocals when lyrics are given.</summary>
    [HttpPost("text2music")]
    [ProducesResponseType<JobEnvelope>(StatusCodes.Status202Accepted)]
    public Task<IActionResult> Text2Music([FromBody] JsonElement body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey) =>
        _submitter.SubmitAsync(MusicTask.Text2Music, body, idempotencyKey, Response);

    /// <summary>An instrumental track from a prompt.</summary>
    [HttpPost("prompt2instrumental")]
    [ProducesResponseType<JobEnvelope>(StatusCodes.Status202Accepted)]
    public Task<IActionResult> Prompt2Instrumental([FromBody] JsonElement body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey) =>
        _submitter.SubmitAsync(MusicTask.Prompt2Instrumental, body, idempotencyKey, Response);

    /// <summary>Rap verses delivered on the beat over a hip-hop groove.</summary>
    [HttpPost("text2rap")]
    [ProducesResponseType<JobEnvelope>(StatusCodes.Status202Accepted)]
    public Task<IActionResult> Text2Rap([FromBody] JsonElement body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey) =>
        _submitter.SubmitAsync(MusicTask.Text2Rap, body, idempotencyKey, Response);

    /// <summary>Dry vocals only, sung from lyrics.</summary>
    [HttpPost("lyric2vocals")]
    [ProducesResponseType<JobEnvelope>(StatusCodes.Status202Accepted)]
    public Task<IActionResult> Lyric2Vocals([FromBody] JsonElement body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey) =>
        _submitter.SubmitAsync(MusicTask.Lyric2Vocals, body, idempotencyKey, Response);

    /// <summary>A loop of whole bars, or a one-shot.</summary>
    [HttpPost("text2samples")]
    [ProducesResponseType<JobEnvelope>(StatusCodes.Status202Accepted)]
    public Task<IActionResult> Text2Samples([FromBody] JsonElement body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey) =>
        _submitter.SubmitAsync(MusicTask.Text2Samples, body, idempotencyKey, Response);

    /// <summary>A whole song planned from one sentence.</summary>
    [HttpPost("simple")]
    [ProducesResponseType<JobEnvelope>(StatusCodes.Status202Accepted)]
    public Task<IActionResult> Simple([FromBody] JsonElement body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey) =>
        _submitter.SubmitAsync(MusicTask.Simple, body, idempotencyKey, Response);

    /// <summary>The plan simple mode would generate, without generating it.</summary>
    [HttpPost("simple/plan")]
    [ProducesResponseType<SimplePlanDto>(StatusCodes.Status200OK)]
    public Task<IActionResult> Plan([FromBody] JsonElement body) => _submitter.PlanAsync(body);
}

public static class ApiLimits
{
    /// <summary>Generation bodies are text (≤ 2 KiB caption, ≤ 4 KiB lyrics): 64 KiB leaves room for escapes, not abuse.</summary>
    public const int MaxRequestBodyBytes = 64 * 1024;

    public const int DefaultPageSize = 20;

    public const int MaxPageSize = 100;
}
