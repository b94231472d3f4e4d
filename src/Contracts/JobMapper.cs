using AudioMusic.Domain;
using AudioMusic.Grains;

namespace AudioMusic.Contracts;

/// <summary>Maps grain views to wire shapes, including the download URLs of every stored encoding.</summary>
public static class JobMapper
{
    public const string JobsBase = "/api/v1/music/jobs";

    public static JobDto ToDto(JobView job)
    {
        var outputs = job.Audio.Select(a => new OutputDto(a.Index, a.Seed, Math.Round(a.DurationSeconds, 3), a.SampleRate, a.Channels,
            a.Files.ToDictionary(f => f.Format.ToWire(), f => AudioUrl(job.Id, a.Index, f.Format)), a.LrcContent,
            OutputUrl(job.Id, "waveform", a.Index), string.IsNullOrEmpty(a.LrcContent) ? null : OutputUrl(job.Id, "lyrics", a.Index),
            a.Analysis is { } m ? new AnalysisDto(m.IntegratedLufs, m.TruePeakDbtp, m.DurationSeconds, m.TempoBpm, m.Key?.ToString(), m.KeyConfidence) : null,
            a.Stems.Count == 0 ? null : a.Stems.ToDictionary(s => s.Name, s => StemUrl(job.Id, a.Index, s.Name)))).ToList();
        var first = outputs.FirstOrDefault();
        return new JobDto(
            job.Id,
            job.Task.ToWire(),
            job.Status.ToWire(),
            job.Progress,
            job.Stage,
            job.QueuePosition,
            job.EtaSeconds,
            job.DisplayName,
            ToDto(job.Request),
            job.Resolved is null ? null : ToDto(job.Resolved),
            job.Plan is null ? null : ToDto(job.Plan),
            first is null ? null : AudioUrl(job.Id, 0, job.Request.Format),
            first?.Urls ?? new Dictionary<string, string>(),
            first?.Duration,
            job.Seeds,
            first?.LrcContent,
            outputs,
            job.CreatedAt,
            job.StartedAt,
            job.CompletedAt,
            job.ErrorMessage,
            job.Attempt,
            job.AudioExpiredAt,
            job.AudioExpiredBy is { } reason ? AudioExpiryNames.ToWire(reason) : null);
    }

    public static RequestDto ToDto(GenerationRequest r) => new(
        r.Task.ToWire(), r.Caption, r.Lyrics, r.Instrumental, r.GenrePreset, r.DisplayName, r.DurationSeconds ?? RequestLimits.AutoDuration,
        r.Bpm, r.Key?.ToString(), r.TimeSignature?.ToString(), r.VocalLanguage, r.Seed, r.BatchSize, r.Format.ToWire(), r.Model,
        r.InferenceSteps, r.GuidanceScale, r.Shift, r.SampleType?.ToWire(), r.Query, r.Stems);

    public static ResolvedDto ToDto(ResolvedParameters r) => new(
        r.Task.ToWire(), r.Caption, r.Lyrics, r.Instrumental, r.GenrePreset, r.Bpm, r.Key.ToString(), r.TimeSignature.ToString(),
        Math.Round(r.DurationSeconds, 3), r.VocalLanguage, r.Seeds, r.Format.ToWire(), r.Model, r.SampleType?.ToWire(), r.Bars,
        r.InferenceSteps, r.GuidanceScale, r.Shift);

    public static PlanDto ToDto(SongPlan p) => new(
        p.Task.ToWire(), p.Caption, p.Lyrics, p.Instrumental, p.Bpm, p.Key.ToString(), p.TimeSignature.ToString(), p.DurationSeconds,
        p.VocalLanguage, p.GenrePreset, p.Notes, p.Planner);

    public static PresetDto ToDto(GenrePreset p) => new(
        p.Name, p.Slug, p.Caption, p.CaptionTags, p.MinBpm, p.MaxBpm, p.DefaultBpm, p.Modes.Select(m => m.ToString().ToLowerInvariant()).ToList(),
        p.Meters.Select(m => m.ToString()).ToList(), p.DefaultDurationSeconds);

    private static string StemUrl(string jobId, int index, string stem) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{JobsBase}/{jobId}/stems/{stem}?index={index}");

    private static string OutputUrl(string jobId, string route, int index) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{JobsBase}/{jobId}/{route}?index={index}");

    public static string AudioUrl(string jobId, int index, AudioFormat format) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{JobsBase}/{jobId}/audio?index={index}&format={format.ToWire()}");
}
