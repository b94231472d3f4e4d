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
            return (null, Problems.Problems.Status(StatusCodes.Status410Gone, "/problems/audio-expired", "The audio of this job has expired.",
                string.Create(CultureInfo.InvariantCulture, $"retention deleted this job's audio at {expired:O}; the job's description is kept")));
        }
        if (index >= job.Audio.Count)
        {
            return (null, Problems.Problems.NotFound(string.Create(CultureInfo.InvariantCulture, $"the job has {job.Audio.Count} variation(s); index {index} does not exist")));
        }
        return (job.Audio[index], null);
    }
}
