namespace AudioMusic.Grains.Catalog;

[GenerateSerializer]
public sealed class IdempotencyState
{
    [Id(0)] public string? Fingerprint { get; set; }
    [Id(1)] public string? JobId { get; set; }
}

/// <summary>One Idempotency-Key of one owner. Persisted with the jobs, so a retried POST finds its job even after a
/// restart of the cluster.</summary>
public sealed class IdempotencyGrain : Grain, IIdempotencyGrain
{
    private readonly IPersistentState<IdempotencyState> _state;

    public IdempotencyGrain([PersistentState("idempotency", StorageNames.Jobs)] IPersistentState<IdempotencyState> state) => _state = state;

    public async Task<IdempotencyClaim> Claim(string requestFingerprint, string jobId)
    {
        if (_state.State.JobId is { } existing)
        {
            return new IdempotencyClaim(existing, IsNew: false, Conflicts: _state.State.Fingerprint != requestFingerprint);
        }
        _state.State.Fingerprint = requestFingerprint;
        _state.State.JobId = jobId;
        await _state.WriteStateAsync();
        return new IdempotencyClaim(jobId, IsNew: true, Conflicts: false);
    }

    public async Task Release(string jobId)
    {
        if (_state.State.JobId == jobId)
        {
            await _state.ClearStateAsync();
            _state.State = new IdempotencyState();
        }
    }
}
