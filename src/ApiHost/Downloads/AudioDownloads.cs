using System.Globalization;
using AudioMusic.Domain;
using AudioMusic.Grains;
using AudioMusic.Grains.Renditions;
using AudioMusic.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace AudioMusic.ApiHost.Downloads;

/// <summary>Streams stored audio to clients straight from the artifact store, with range requests. Any format,
/// bitrate and sample rate can be asked for: what is not stored yet is made once from the FLAC master by the
/// output's <see cref="IRenditionGrain"/> and kept, so the next request is a plain read.</summary>
public sealed class AudioDownloads
{
    private readonly IArtifactStore _store;
    private readonly IGrainFactory _grains;

    public AudioDownloads(IArtifactStore store, IGrainFactory grains)
    {
        _store = store;
        _grains = grains;
    }

    /// <summary>The mix of one output, or with <paramref name="stem"/> one of its stems.</summary>
    public async Task<IActionResult> ServeAsync(JobView job, AudioQuery query, string? stem, HttpContext http)
    {
        var errors = new List<FieldError>();
        var index = OutputSelection.ParseIndex(query.Index, errors);
        var spec = RenditionSpec.Parse(query.Format, query.Bitrate, query.SampleRate, job.Request.Format, errors);
        if (errors.Count > 0 || spec is null)
        {
            return Problems.Problems.Validation(errors);
        }
        var format = spec.Format;
        var (output, problem) = OutputSelection.Select(job, index);
        if (output is null)
        {
            return problem!;
        }
        var (stored, missing) = OutputSelection.Files(output, stem);
        if (stored is null)
        {
            return missing!;
        }
        var file = spec.IsDefault(output.SampleRate) ? stored.FirstOrDefault(f => f.Format == format) : null;
        if (file is null)
        {
            var made = await MakeRenditionAsync(job, output, stored, spec);
            if (made.Artifact is null)
            {
                return Problems.Problems.NotFound(made.Error ?? "this rendition cannot be made");
            }
            file = made.Artifact;
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
        var fileName = $"{FileStem(job)}{(job.Audio.Count > 1 ? "-" + index.ToString(CultureInfo.InvariantCulture) : "")}{(stem is null ? "" : "-" + stem)}.{format.FileExtension()}";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            // RFC 6266: the UTF-8 name for clients that read filename*, and for the few that do not a stand-in of letters,
            // digits and ._- only, which no quoting rule can garble.
            FileName = new string(fileName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray()),
            FileNameStar = fileName,
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

    private Task<RenditionOutcome> MakeRenditionAsync(JobView job, JobAudio output, IReadOnlyList<StoredArtifact> stored, RenditionSpec spec)
    {
        var master = stored.FirstOrDefault(f => f.Format == AudioFormat.Flac);
        if (master is null)
        {
            return Task.FromResult(new RenditionOutcome(null, "this output has no FLAC master to make other formats from"));
        }
        var key = RenditionKeys.For(master.Key, spec, output.SampleRate);
        var order = new RenditionOrder(master.Key, spec, job.DisplayName, output.Seed, job.Resolved?.Model);
        return _grains.GetGrain<IRenditionGrain>(key).Ensure(order);
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
