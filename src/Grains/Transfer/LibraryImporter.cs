using System.IO.Compression;
using AudioMusic.Grains.Jobs;
using AudioMusic.Storage;
using Orleans.Storage;

namespace AudioMusic.Grains.Transfer;

/// <summary>Brings the jobs of an export file into a library or a cluster's storage: the audio first, then the job's
/// state, then its index entry, so a job is never listed before it can be read. A job whose id is already stored is
/// left alone, which makes a second run of the same import harmless (and one cut short can simply be run again).</summary>
public sealed class LibraryImporter(IJobIndex index, IGrainStorage grains, IArtifactStore artifacts, IGrainStorageSerializer serializer, TimeProvider time)
{
    public async Task<TransferReport> ImportAsync(Stream input, CancellationToken cancellationToken)
    {
        using var archive = new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
        var manifest = LibraryArchive.ReadManifest(archive);
        var imported = 0;
        var skipped = new Dictionary<string, string>(StringComparer.Ordinal);
        var artifactCount = 0;
        var artifactBytes = 0L;
        foreach (var jobId in manifest.Jobs)
        {
            var existing = new TransferState();
            await grains.ReadStateAsync(JobGrain.StateName, TransferState.GrainIdOf(jobId), existing).ConfigureAwait(false);
            if (existing.RecordExists)
            {
                skipped[jobId] = "already stored here";
                continue;
            }
            var job = await ReadJobAsync(archive, jobId, cancellationToken).ConfigureAwait(false);
            foreach (var master in TransferState.Masters(job))
            {
                if (archive.GetEntry(LibraryArchive.ArtifactEntry(master.Key)) is not { } entry)
                {
                    // Retention had deleted it before the export; the job says so itself (audio_expired_at).
                    continue;
                }
                await using var content = entry.Open();
                await artifacts.WriteAsync(master.Key, content, master.ContentType, cancellationToken).ConfigureAwait(false);
                artifactCount++;
                artifactBytes += entry.Length;
            }
            await grains.WriteStateAsync(JobGrain.StateName, TransferState.GrainIdOf(jobId), new TransferState { State = job }).ConfigureAwait(false);
            await index.UpsertAsync(JobProjections.IndexEntry(job, jobId, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            imported++;
        }
        return new TransferReport(imported, artifactCount, artifactBytes, skipped);
    }

    private async Task<JobState> ReadJobAsync(ZipArchive archive, string jobId, CancellationToken cancellationToken)
    {
        var entry = archive.GetEntry(LibraryArchive.JobEntry(jobId))
            ?? throw new InvalidDataException($"the manifest lists job {jobId}, but the archive holds no {LibraryArchive.JobEntry(jobId)}");
        using var buffer = new MemoryStream();
        await using (var stream = entry.Open())
        {
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        var job = serializer.Deserialize<JobState>(new BinaryData(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)));
        return job?.Request is not null ? job : throw new InvalidDataException($"job {jobId} in the archive has no request");
    }
}
