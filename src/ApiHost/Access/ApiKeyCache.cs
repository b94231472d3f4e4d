using System.Collections.Concurrent;
using AudioMusic.ApiHost.Resilience;
using AudioMusic.Grains.Access;
using Microsoft.Extensions.Options;

namespace AudioMusic.ApiHost.Access;

/// <summary>What this API host knows of each key, each entry trusted for <see cref="AccessOptions.KeyCacheTtl"/>: a
/// request with a known key costs a dictionary lookup and a hash, and a revocation through any host is seen by all
/// within the TTL. Unknown ids are remembered too, so a flood of made-up keys does not become a flood of grain calls.</summary>
public sealed class ApiKeyCache
{
    private readonly IGrainFactory _grains;
    private readonly ClusterReads _reads;
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private readonly ConcurrentDictionary<string, (ApiKeyRecord? Key, long ReadAt)> _entries = new(StringComparer.Ordinal);

    public ApiKeyCache(IGrainFactory grains, ClusterReads reads, TimeProvider time, IOptions<AccessOptions> options)
    {
        _grains = grains;
        _reads = reads;
        _time = time;
        _ttl = options.Value.KeyCacheTtl;
    }

    public async ValueTask<ApiKeyRecord?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(keyId, out var entry) && _time.GetElapsedTime(entry.ReadAt) < _ttl)
        {
            return entry.Key;
        }
        var key = await _reads.RunAsync(() => _grains.GetGrain<IApiKeyRegistryGrain>(0).Find(keyId), cancellationToken);
        _entries[keyId] = (key, _time.GetTimestamp());
        // Unknown ids could grow the cache without end: past a generous size, start again from what is read anew.
        if (_entries.Count > 100_000)
        {
            _entries.Clear();
        }
        return key;
    }

    /// <summary>This host's own changes are seen by it at once.</summary>
    public void Forget(string keyId) => _entries.TryRemove(keyId, out _);
}
