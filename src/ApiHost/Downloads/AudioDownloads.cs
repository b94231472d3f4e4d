using System.Globalization;
using AudioMusic.Domain;
using AudioMusic.Grains;
using AudioMusic.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace AudioMusic.ApiHost.Downloads;

/// <summary>Streams stored audio to clients straight from the artifact store, with range requests.</summary>
public sealed class AudioDownloads
{
    private readonly IArtifactStore _store;

    public AudioDownloads(IArtifactStore store) => _store = store;

    public async Task<IActionResult> ServeAsync(JobView job, string? indexText, string? formatText, HttpContext http)
    {
        var errors = new List<FieldError>();
        var index = 0;
        if (indexText is not null && (!int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out index) || index >= RequestLimits.MaxBatchSize))
        {
            errors.Add(new FieldError("index", $"must be an integer from 0 to {RequestLimits.MaxBatchSize - 1}"));
        }
        var format = job.Request.Format;
        if (formatText is not null && !AudioFormatNames.TryParse(formatText, out format))
        {
            errors.Add(new FieldError("format", "must be one of flac, wav, mp3, ogg"));
        }
        if (errors.Count > 0)
        {
            return Problems.Problems.Validation(errors);
        }
        if (job.Status != JobStatus.Completed)
        {
            return Problems.Problems.Conflict($"the job is {job.Status.ToWire()}; audio exists once it is COMPLETED");
        }
        if (index >= job.Audio.Count)
        {
            return Problems.Problems.NotFound(string.Create(CultureInfo.InvariantCulture, $"the job has {job.Audio.Count} variation(s); index {index} does not exist"));
        }
        var file = job.Audio[index].Files.FirstOrDefault(f => f.Format == format);
        if (file is null)
        {
            return Problems.Problems.NotFound($"this job was rendered as {string.Join(" and ", job.Audio[index].Files.Select(f => f.Format.ToWire()))}; '{format.ToWire()}' was not (ask for it with 'format' at submit)");
        }
        var info = await _store.GetInfoAsync(file.Key, http.RequestAborted);
        if (info is null)
        {
            return Problems.Problems.NotFound("the audio of this job is no longer stored");
        }

        var response = http.Response;
        var etag = new EntityTagHeaderValue($"\"{file.Key.Replace('/', '-')}-{info.Length.ToString(CultureInfo.InvariantCulture)}\"");
        response.Headers.AcceptRanges = "bytes";
        response.Headers.ETag = etag.ToString();
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = $"{FileStem(job)}{(job.Audio.Count > 1 ? "-" + index.ToString(CultureInfo.InvariantCulture) : "")}.{format.FileExtension()}",
        }.ToString();

        var range = ByteRange.Parse(http.Request.Headers.Range, info.Length, out var unsatisfiable);
        if (unsatisfiable)
        {
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes */{info.Length}");
            return Problems.Problems.Status(StatusCodes.Status416RangeNotSatisfiable, "/problems/range", "Range not satisfiable.",
                string.Create(CultureInfo.InvariantCulture, $"the file has {info.Length} bytes"));
        }
        var (offset, length) = range is { } r ? (r.Start, r.Length) : (0L, info.Length);
        var stream = await _store.OpenReadAsync(file.Key, offset, length, http.RequestAborted);
        if (stream is null)
        {
            return Problems.Problems.NotFound("the audio of this job is no longer stored");
        }
        response.ContentLength = length;
        if (range is { } partial)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {partial.Start}-{partial.End}/{info.Length}");
        }
        return new StreamedAudioResult(stream, info.ContentType);
    }

    private static string FileStem(JobView job)
    {
        var name = job.DisplayName;
        if (string.IsNullOrWhiteSpace(name))
        {
            return job.Id;
        }
        var invalid = Path.GetInvalidFileNameChars();
        return new string(name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray());
    }

    /// <summary>Copies the store's stream to the response without buffering it; status and length are already set.</summary>
    private sealed class StreamedAudioResult(Stream content, string contentType) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            await using (content)
            {
                context.HttpContext.Response.ContentType = contentType;
                await content.CopyToAsync(context.HttpContext.Response.Body, context.HttpContext.RequestAborted);
            }
        }
    }
}
