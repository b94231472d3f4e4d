using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Storage;

namespace AudioMusic.Grains.Hosting;

/// <summary>Grain storage for the embedded default, which is always a single silo: states live in this process's memory.
/// Orleans' own memory storage keeps states in storage grains so that several silos can share them, which costs two grain
/// calls for every new job (the read on activation and the first write); a dictionary does the same job in one silo.
/// States are stored serialized, never by reference, so a grain that mutates its state object after a write (or an
/// activation that follows a deactivation) never sees another's changes; ETags are checked like a database would.</summary>
public sealed class SingleSiloGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), StoredState> _states = new();
    private readonly IGrainStorageSerializer _serializer;
    private long _version;

    public SingleSiloGrainStorage(IGrainStorageSerializer serializer) => _serializer = serializer;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_states.TryGetValue((stateName, grainId), out var stored))
        {
            GrainStateRecords.Found<T>(grainState, _serializer.Deserialize<T>(stored.Data), stored.ETag);
        }
        else
        {
            GrainStateRecords.Missing(grainState);
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        var written = new StoredState(_serializer.Serialize(grainState.State), NextETag());
        if (grainState.ETag is null)
        {
            if (!_states.TryAdd(key, written))
            {
                throw GrainStateRecords.Inconsistent(stateName, grainId, grainState.ETag, _states.TryGetValue(key, out var current) ? current.ETag : null);
            }
        }
        else if (!_states.TryUpdate(key, written, Current(key, grainState.ETag, stateName, grainId)))
        {
            throw GrainStateRecords.Inconsistent(stateName, grainId, grainState.ETag, _states.TryGetValue(key, out var current) ? current.ETag : null);
        }
        GrainStateRecords.Written(grainState, written.ETag);
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        if (grainState.ETag is not null
            && !_states.TryRemove(new KeyValuePair<(string, GrainId), StoredState>(key, Current(key, grainState.ETag, stateName, grainId))))
        {
            throw GrainStateRecords.Inconsistent(stateName, grainId, grainState.ETag, _states.TryGetValue(key, out var current) ? current.ETag : null);
        }
        GrainStateRecords.Missing(grainState);
        return Task.CompletedTask;
    }

    /// <summary>The stored entry when its ETag is the one the grain read; anything else is a conflicting write.</summary>
    private StoredState Current((string, GrainId) key, string etag, string stateName, GrainId grainId) =>
        _states.TryGetValue(key, out var current) && current.ETag == etag
            ? current
            : throw GrainStateRecords.Inconsistent(stateName, grainId, etag, current?.ETag);

    private string NextETag() => Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);

    private sealed record StoredState(BinaryData Data, string ETag);
}
