using System.Text;

namespace AudioMusic.Storage.FileSystem;

/// <summary>Artifacts as files under one root directory, typically a shared mount (NFS, SMB, a cloud file share) that
/// every API host sees. "{jobId}/{name}" becomes "{root}/{jobId}/{name}", with the content type in a small sidecar file
/// "{name}.content-type" next to it.</summary>
/// <remarks>Writes go to a temporary file in the same directory and are renamed over the artifact when complete, so a
/// reader opens either the old file or the new one, never a partial one (rename within a directory is atomic on local
/// filesystems and on NFS). An open reader keeps reading the file it opened even if it is replaced meanwhile.</remarks>
public sealed class FileSystemArtifactStore : IArtifactStore
{
    private const string ContentTypeSuffix = ".content-type";
    private const string TemporarySuffix = ".partial";
    private const int CopyBufferSize = 128 * 1024;

    private readonly string _root;

    public FileSystemArtifactStore(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        _root = Path.GetFullPath(rootDirectory);
        Directory.CreateDirectory(_root);
    }

    /// <summary>The directory the artifacts live under (for free-space checks).</summary>
    public string Root => _root;

    public Task WriteAsync(string key, Stream content, string contentType, CancellationToken cancellationToken) =>
        WriteAsync(key, contentType, (file, token) => content.CopyToAsync(file, CopyBufferSize, token), cancellationToken);

    /// <summary>The producer writes into the temporary file itself: an encoded song reaches the disk without a copy in
    /// memory, and is published by the same rename.</summary>
    public async Task<long> WriteAsync(string key, string contentType, Func<Stream, CancellationToken, Task> produce, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(produce);
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // The sidecar goes first: a reader of the old bytes may briefly see the new content type, which only matters
        // if one key is rewritten with a different type, and keys carry their format's extension.
        await ReplaceAsync(path + ContentTypeSuffix,
            file => file.WriteAsync(Encoding.UTF8.GetBytes(contentType), cancellationToken).AsTask(),
            cancellationToken).ConfigureAwait(false);
        var length = 0L;
        await ReplaceAsync(path, async file =>
        {
            await produce(file, cancellationToken).ConfigureAwait(false);
            length = file.Length;
        }, cancellationToken).ConfigureAwait(false);
        return length;
    }

    private static async Task ReplaceAsync(string path, Func<FileStream, Task> write, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}{TemporarySuffix}";
        try
        {
            await using (var file = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Options = FileOptions.Asynchronous,
                BufferSize = CopyBufferSize,
            }))
            {
                await write(file).ConfigureAwait(false);
                // On disk before the rename publishes it: after a crash the name must not point at missing data.
                file.Flush(flushToDisk: true);
            }
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public Task<ArtifactInfo?> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        var file = new FileInfo(path);
        return Task.FromResult(file.Exists ? InfoOf(key, path, file.Length, file.LastWriteTimeUtc) : null);
    }

    public Task<Stream?> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken)
    {
        FileStream file;
        try
        {
            // FileShare.Delete lets a writer rename a new version over this file while it is being read.
            file = new FileStream(PathOf(key), new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read | FileShare.Delete,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                BufferSize = 0,
            });
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
        var start = Math.Clamp(offset, 0, file.Length);
        file.Position = start;
        var count = Math.Min(length ?? long.MaxValue, file.Length - start);
        return Task.FromResult<Stream?>(new RangeReadStream(file, count));
    }

    public Task DeleteJobAsync(string jobId, CancellationToken cancellationToken)
    {
        var directory = DirectoryOf(jobId);
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing stored for this job, or another host deleted it first.
        }
        return Task.CompletedTask;
    }

    private static ArtifactInfo InfoOf(string key, string path, long length, DateTime lastWriteUtc)
    {
        var sidecar = path + ContentTypeSuffix;
        var contentType = File.Exists(sidecar) ? File.ReadAllText(sidecar) : ContentTypes.FromExtension(Path.GetExtension(path));
        return new ArtifactInfo(key, length, contentType, new DateTimeOffset(lastWriteUtc, TimeSpan.Zero));
    }

    /// <summary>Maps a key to a path below the root, refusing anything that could escape it or collide with the
    /// store's own sidecar and temporary files.</summary>
    private string PathOf(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new ArgumentException($"Artifact key '{key}' is not of the form '{{jobId}}/{{name}}'.", nameof(key));
        }
        var name = key[(slash + 1)..];
        if (!IsSafeSegment(name) || name.EndsWith(ContentTypeSuffix, StringComparison.Ordinal)
            || name.EndsWith(TemporarySuffix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Artifact key '{key}' has an unusable file name.", nameof(key));
        }
        return Path.Combine(DirectoryOf(key[..slash]), name);
    }

    private string DirectoryOf(string jobId)
    {
        if (!IsSafeSegment(jobId))
        {
            throw new ArgumentException($"Job id '{jobId}' cannot be used as a directory name.", nameof(jobId));
        }
        return Path.Combine(_root, jobId);
    }

    private static bool IsSafeSegment(string segment) =>
        segment.Length is > 0 and <= 200 && segment != "." && segment != ".."
        && segment.IndexOfAny(['/', '\\', '\0']) < 0 && !segment.StartsWith('.');
}
