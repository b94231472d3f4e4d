using System.Collections.Concurrent;

namespace AudioMusic.Storage.Memory;

/// <summary>Artifacts of the memory mode (Storage:Provider=Memory), held in process memory and lost on restart, like its
/// jobs. <see cref="HeldBytes"/> is what Storage:MemoryLimitMb is checked against.</summary>
public sealed class MemoryArtifactStore : IArtifactStore
{
    private readonly ConcurrentDictionary<string, (byte[] Bytes, ArtifactInfo Info)> _artifacts = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly Lock _writeLock = new();
    private long _heldBytes;

    public MemoryArtifactStore(TimeProvider time) => _time = time;

    /// <summary>The bytes of every artifact held now.</summary>
    public long HeldBytes => Interlocked.Read(ref _heldBytes);

    public async Task WriteAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var bytes = buffer.ToArray();
        var stored = (bytes, new ArtifactInfo(key, bytes.LongLength, contentType, _time.GetUtcNow()));
        // Writers take turns so that the count follows every replacement exactly; readers never wait.
        lock (_writeLock)
        {
            var replaced = _artifacts.TryGetValue(key, out var old) ? old.Bytes.LongLength : 0;
            _artifacts[key] = stored;
            Interlocked.Add(ref _heldBytes, bytes.LongLength - replaced);
        }
    }

    public Task<ArtifactInfo?> GetInfoAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_artifacts.TryGetValue(key, out var a) ? a.Info : null);

    public Task<Stream?> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken)
    {
        if (!_artifacts.TryGetValue(key, out var artifact))
        {
            return Task.FromResult<Stream?>(null);
        }
        var start = (int)Math.Clamp(offset, 0, artifact.Bytes.LongLength);
        var count = (int)Math.Min(length ?? long.MaxValue, artifact.Bytes.LongLength - start);
        return Task.FromResult<Stream?>(new MemoryStream(artifact.Bytes, start, count, writable: false));
    }

    public Task DeleteJobAsync(string jobId, CancellationToken cancellationToken)
    {
        var prefix = jobId + "/";
        foreach (var key in _artifacts.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            lock (_writeLock)
            {
                if (_artifacts.TryRemove(key, out var removed))
                {
                    Interlocked.Add(ref _heldBytes, -removed.Bytes.LongLength);
                }
            }
        }
        return Task.CompletedTask;
    }
}
