using AudioMusic.Storage.Sqlite;
using Orleans.Storage;

namespace AudioMusic.Grains.Hosting.Sqlite;

/// <summary>Grain storage of the one-box library: each state serialized in Orleans' binary format into the SQLite file,
/// with ETag checks, so every job survives a restart of the process.</summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private readonly SqliteGrainStates _states;
    private readonly IGrainStorageSerializer _serializer;

    public SqliteGrainStorage(SqliteGrainStates states, IGrainStorageSerializer serializer)
    {
        _states = states;
        _serializer = serializer;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_states.Read(stateName, grainId.ToString()) is { } stored)
        {
            GrainStateRecords.Found<T>(grainState, _serializer.Deserialize<T>(new BinaryData(stored.Data)), stored.ETag);
        }
        else
        {
            GrainStateRecords.Missing(grainState);
        }
        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = _serializer.Serialize(grainState.State).ToArray();
        var write = await _states.WriteAsync(stateName, grainId.ToString(), grainState.ETag, data, CancellationToken.None);
        if (!write.Succeeded)
        {
            throw GrainStateRecords.Inconsistent(stateName, grainId, grainState.ETag, write.ETag);
        }
        GrainStateRecords.Written(grainState, write.ETag!);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.ETag is not null)
        {
            var delete = await _states.DeleteAsync(stateName, grainId.ToString(), grainState.ETag, CancellationToken.None);
            if (!delete.Succeeded)
            {
                throw GrainStateRecords.Inconsistent(stateName, grainId, grainState.ETag, delete.ETag);
            }
        }
        GrainStateRecords.Missing(grainState);
    }
}
