using AudioMusic.ApiHost.Access;
using System.Globalization;
using AudioMusic.ApiHost.Downloads;
using AudioMusic.ApiHost.Outputs;
using AudioMusic.ApiHost.Resilience;
using AudioMusic.Audio.Analysis;
using AudioMusic.Domain;
using AudioMusic.Grains;
using AudioMusic.Grains.Waveforms;
using AudioMusic.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace AudioMusic.ApiHost.Controllers;

/// <summary>What a completed job's outputs offer beside their mixed audio: stems, waveform peaks and timed lyrics.</summary>
[ApiController]
public sealed class OutputsController : ControllerBase
{
    private const string Jobs = "api/v1/music/jobs";

    private readonly IGrainFactory _grains;
    private readonly IArtifactStore _store;
    private readonly AudioDownloads _downloads;
    private readonly JobLookup _jobs;

    public OutputsController(IGrainFactory grains, IArtifactStore store, AudioDownloads downloads, JobLookup jobs)
    {
        _grains = grains;
        _store = store;
        _downloads = downloads;
        _jobs = jobs;
    }

    /// <summary>One stem of a variation (vocals, drums, bass, other) in any format, as the audio route serves the mix.</summary>
    [HttpGet(Jobs + "/{id}/stems/{name}")]
    public async Task<IActionResult> Stem(string id, string name, [FromQuery] AudioQuery query)
    {
        var job = await FindAsync(id);
        return job is null ? JobIds.NotFound(id) : await _downloads.ServeAsync(job, query, name, HttpContext);
    }

    /// <summary>Min/max peaks per channel in BBC audiowaveform's JSON layout (version 2), computed once and kept.</summary>
    [HttpGet(Jobs + "/{id}/waveform")]
    [ProducesResponseType<WaveformPeaks>(StatusCodes.Status200OK, "application/json")]
    public async Task<IActionResult> Waveform(string id, [FromQuery] string? index, [FromQuery] string? points, [FromQuery] string? stem)
    {
        var job = await FindAsync(id);
        if (job is null)
        {
            return JobIds.NotFound(id);
        }
        var errors = new List<FieldError>();
        var variation = OutputSelection.ParseIndex(index, errors);
        var count = WaveformPeaks.DefaultPoints;
        if (points is not null && (!int.TryParse(points, NumberStyles.None, CultureInfo.InvariantCulture, out count)
            || count is < WaveformPeaks.MinPoints or > WaveformPeaks.MaxPoints))
        {
            errors.Add(new FieldError("points", $"must be an integer from {WaveformPeaks.MinPoints} to {WaveformPeaks.MaxPoints}"));
        }
        if (errors.Count > 0)
        {
            return Problems.Problems.Validation(errors);
        }
        var (output, problem) = OutputSelection.Select(job, variation);
        if (output is null)
        {
            return problem!;
        }
        var (stored, missing) = OutputSelection.Files(output, stem);
        if (stored is null)
        {
            return missing!;
        }
        var master = stored.FirstOrDefault(f => f.Format == AudioFormat.Flac);
        if (master is null)
        {
            return Problems.Problems.NotFound("this output has no FLAC master to draw a waveform from");
        }
        var key = WaveformGrain.KeyFor(master.Key, count);
        var made = await _grains.GetGrain<IWaveformGrain>(key).Ensure(master.Key, count);
        var stream = made.Key is null ? null : await _store.OpenReadAsync(made.Key, 0, null, HttpContext.RequestAborted);
        if (stream is null)
        {
            return Problems.Problems.NotFound(made.Error ?? "the waveform of this output is no longer stored");
        }
        return File(stream, WaveformMaker.ContentType);
    }

    /// <summary>The sung lines as LRC (the default) or as JSON with each line's start and end; 404 when nothing is sung.</summary>
    [HttpGet(Jobs + "/{id}/lyrics")]
    [ProducesResponseType<TimedLyricsDto>(StatusCodes.Status200OK, "application/json")]
    public async Task<IActionResult> Lyrics(string id, [FromQuery] string? index, [FromQuery] string? format)
    {
        var job = await FindAsync(id);
        if (job is null)
        {
            return JobIds.NotFound(id);
        }
        var errors = new List<FieldError>();
        var variation = OutputSelection.ParseIndex(index, errors);
        var asJson = format?.Trim().ToLowerInvariant() switch
        {
            null or "lrc" => false,
            "json" => true,
            _ => (bool?)null,
        };
        if (asJson is null)
        {
            errors.Add(new FieldError("format", "must be one of lrc, json"));
        }
        if (errors.Count > 0)
        {
            return Problems.Problems.Validation(errors);
        }
        var (output, problem) = OutputSelection.Select(job, variation);
        if (output is null)
        {
            return problem!;
        }
        if (string.IsNullOrEmpty(output.LrcContent))
        {
            return Problems.Problems.NotFound("nothing is sung in this output, so it has no lyrics");
        }
        if (asJson == true)
        {
            return Ok(TimedLyrics.Of(output));
        }
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = string.Create(CultureInfo.InvariantCulture, $"{job.Id}-{variation}.lrc"),
        }.ToString();
        return Content(output.LrcContent + "\n", "text/plain; charset=utf-8");
    }

    private Task<JobView?> FindAsync(string id) => _jobs.FindAsync(id, HttpContext.Caller(), HttpContext.RequestAborted);
}
