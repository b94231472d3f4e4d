using System.Diagnostics.CodeAnalysis;
using AudioMusic.Grains.Jobs;

namespace AudioMusic.Grains.Transfer;

/// <summary>A job's stored state as export and import hold it, addressed as the JobGrain addresses its own.</summary>
internal sealed class TransferState : IGrainState<JobState>
{
    /// <summary>Orleans names a grain class's type by dropping "Grain" and lower-casing: JobGrain is "job".</summary>
    private static readonly GrainType JobGrainType = GrainType.Create("job");

    [AllowNull]
    public JobState State { get; set; } = new();

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }

    public static GrainId GrainIdOf(string jobId) => GrainId.Create(JobGrainType, jobId);

    /// <summary>The artifacts a job's state points at: each variation's stored files and stems. Renditions and
    /// waveforms are derived from them on request.</summary>
    public static IEnumerable<StoredArtifact> Masters(JobState job) =>
        job.Audio.SelectMany(a => a.Files.Concat(a.Stems.Select(s => s.Master))).DistinctBy(f => f.Key, StringComparer.Ordinal);
}
