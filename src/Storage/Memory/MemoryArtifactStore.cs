using System.Collections.Concurrent;

namespace AudioMusic.Storage.Memory;

/// <summary>Artifacts of the embedded default, held in process memory (lost on restart, like its jobs).</summary>
public sealed class MemoryArtifactStore : IArtifactStore
{
    private readonly ConcurrentDictionary<string, (byte[] Bytes, ArtifactInfo Info)> _artifacts = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public MemoryArtifactStore(TimeProvider time) => _time = time;

    public async Task WriteAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var bytes = buffer.ToArray();
        _artifacts[key] = (bytes, new ArtifactInfo(key, bytes.LongLength, contentType, _time.GetUtcNow()));
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
            _artifacts.TryRemove(key, out _);
        }
        return Task.CompletedTask;
    }
}
