using System.IO.Compression;
using AudioMusic.Domain;
using AudioMusic.Grains.Jobs;
using AudioMusic.Storage;
using Orleans.Storage;

namespace AudioMusic.Grains.Transfer;

/// <summary>Writes every job of a library — its stored state, and the audio masters it refers to — into an export file.
/// It reads through the same abstractions the silo uses (job index, grain storage, artifact store), so any storage the
/// service runs on can be exported; the caller makes sure nothing writes meanwhile (the one-box library is locked).</summary>
public sealed class LibraryExporter(IJobIndex index, IGrainStorage grains, IArtifactStore artifacts, IGrainStorageSerializer serializer, TimeProvider time)
{
    private const int PageSize = 500;

    public async Task<TransferReport> ExportAsync(Stream output, CancellationToken cancellationToken)
    {
        using var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var exported = new List<string>();
        var skipped = new Dictionary<string, string>(StringComparer.Ordinal);
        var artifactCount = 0;
        var artifactBytes = 0L;
        string? cursor = null;
        do
        {
            var page = await index.QueryAsync(new JobQuery(null, null, null, null, cursor, PageSize), cancellationToken).ConfigureAwait(false);
            foreach (var entry in page.Entries)
            {
                var state = new TransferState();
                await grains.ReadStateAsync(JobGrain.StateName, TransferState.GrainIdOf(entry.JobId), state).ConfigureAwait(false);
                if (!state.RecordExists || state.State.Request is null)
                {
                    skipped[entry.JobId] = "listed in the index but has no stored state";
                    continue;
                }
                if (!state.State.Status.IsTerminal())
                {
                    skipped[entry.JobId] = $"still {state.State.Status.ToWire()}: let it finish, or cancel it, and export again";
                    continue;
                }
                foreach (var master in TransferState.Masters(state.State))
                {
                    var length = await CopyArtifactAsync(archive, master.Key, cancellationToken).ConfigureAwait(false);
                    if (length is { } bytes)
                    {
                        artifactCount++;
                        artifactBytes += bytes;
                    }
                }
                await using (var stream = archive.CreateEntry(LibraryArchive.JobEntry(entry.JobId), CompressionLevel.Optimal).Open())
                {
                    await stream.WriteAsync(serializer.Serialize(state.State).ToMemory(), cancellationToken).ConfigureAwait(false);
                }
                exported.Add(entry.JobId);
            }
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        LibraryArchive.WriteManifest(archive, new ArchiveManifest(LibraryArchive.FormatVersion, time.GetUtcNow(), exported));
        return new TransferReport(exported.Count, artifactCount, artifactBytes, skipped);
    }

    /// <summary>Copies one artifact into the archive; null when it is not in the store (retention took it, for one).</summary>
    private async Task<long?> CopyArtifactAsync(ZipArchive archive, string key, CancellationToken cancellationToken)
    {
        await using var source = await artifacts.OpenReadAsync(key, 0, null, cancellationToken).ConfigureAwait(false);
        if (source is null)
        {
            return null;
        }
        // FLAC is compressed already; deflating it again would cost time for nothing.
        await using var target = archive.CreateEntry(LibraryArchive.ArtifactEntry(key), CompressionLevel.NoCompression).Open();
        await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
        return target.Position;
    }
}
