namespace AudioMusic.Grains.Access;

[GenerateSerializer]
public sealed class ApiKeyRegistryState
{
    [Id(0)] public Dictionary<string, ApiKeyRecord> Keys { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The table of API keys. Keys are few (one per client application) and read through the API hosts' caches,
/// so one grain holding them all in memory is both the simplest and the fastest home.</summary>
public sealed class ApiKeyRegistryGrain : Grain, IApiKeyRegistryGrain
{
    public const string StateName = "apikeys";

    private readonly IPersistentState<ApiKeyRegistryState> _state;

    public ApiKeyRegistryGrain([PersistentState(StateName, StorageNames.Jobs)] IPersistentState<ApiKeyRegistryState> state) => _state = state;

    private Dictionary<string, ApiKeyRecord> Keys => _state.State.Keys;

    public async Task<bool> Create(ApiKeyRecord key)
    {
        if (!Keys.TryAdd(key.Id, key))
        {
            return false;
        }
        await _state.WriteStateAsync();
        return true;
    }

    public Task<ApiKeyRecord?> Find(string keyId) => Task.FromResult(Keys.GetValueOrDefault(keyId));

    public Task<IReadOnlyList<ApiKeyRecord>> List() =>
        Task.FromResult<IReadOnlyList<ApiKeyRecord>>([.. Keys.Values.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal)]);

    public Task<ApiKeyRecord?> SetLimits(string keyId, KeyLimits limits) => ChangeAsync(keyId, k => k with { Limits = limits });

    public Task<ApiKeyRecord?> Revoke(string keyId, DateTimeOffset at) => ChangeAsync(keyId, k => k with { RevokedAt = k.RevokedAt ?? at });

    private async Task<ApiKeyRecord?> ChangeAsync(string keyId, Func<ApiKeyRecord, ApiKeyRecord> change)
    {
        if (!Keys.TryGetValue(keyId, out var key))
        {
            return null;
        }
        var changed = change(key);
        if (changed != key)
        {
            Keys[keyId] = changed;
            await _state.WriteStateAsync();
        }
        return changed;
    }
}
