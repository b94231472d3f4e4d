using System.Globalization;
using AudioMusic.Domain;
using AudioMusic.Grains;
using Microsoft.AspNetCore.Mvc;

namespace AudioMusic.ApiHost.Downloads;

/// <summary>The rules every route that reads one output of a job shares: <c>index</c> is 0–7, the job must be
/// COMPLETED (409 otherwise), its audio not deleted by retention (410 otherwise), and the variation must exist
/// (404 otherwise).</summary>
public static class OutputSelection
{
    public static int ParseIndex(string? text, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var index = 0;
        if (text is not null && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out index) || index >= RequestLimits.MaxBatchSize))
        {
            errors.Add(new FieldError("index", $"must be an integer from 0 to {RequestLimits.MaxBatchSize - 1}"));
        }
        return index;
    }

    /// <summary>The output, or the problem that stands in its way.</summary>
    public static (JobAudio? Output, IActionResult? Problem) Select(JobView job, int index)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Status != JobStatus.Completed)
        {
            return (null, Problems.Problems.Conflict($"the job is {job.Status.ToWire()}; its outputs exist once it is COMPLETED"));
        }
        if (job.AudioExpiredAt is { } expired)
        {
            var why = job.AudioExpiredBy == AudioExpiry.MemoryLimit
                ? "the memory mode reached Storage:MemoryLimitMb and deleted this job's audio, among the oldest,"
                : "retention deleted this job's audio";
            return (null, Problems.Problems.Status(StatusCodes.Status410Gone, "/problems/audio-expired", "The audio of this job has expired.",
                string.Create(CultureInfo.InvariantCulture, $"{why} at {expired:O}; the job's description is kept")));
        }
        if (index >= job.Audio.Count)
        {
            return (null, Problems.Problems.NotFound(string.Create(CultureInfo.InvariantCulture, $"the job has {job.Audio.Count} variation(s); index {index} does not exist")));
        }
        return (job.Audio[index], null);
    }

    /// <summary>The stored files of the output's mix, or of one of its stems (404 for a stem the job does not have).</summary>
    public static (IReadOnlyList<StoredArtifact>? Files, IActionResult? Problem) Files(JobAudio output, string? stem)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (stem is null)
        {
            return (output.Files, null);
        }
        if (output.Stems.FirstOrDefault(s => s.Name == stem) is { } found)
        {
            return ([found.Master], null);
        }
        return (null, Problems.Problems.NotFound(output.Stems.Count == 0
            ? "this job was not rendered with stems (ask for them with \"stems\": true at submit)"
            : $"no stem '{(stem.Length > 32 ? stem[..32] + "…" : stem)}'; this output's stems are {string.Join(", ", output.Stems.Select(s => s.Name))}"));
    }
}
