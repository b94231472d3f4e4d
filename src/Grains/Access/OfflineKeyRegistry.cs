using System.Diagnostics.CodeAnalysis;
using Orleans.Storage;

namespace AudioMusic.Grains.Access;

/// <summary>Adds a key to the key registry's stored state without a running cluster, for the silo's <c>keys create</c>
/// verb: an operator's first key, made before the service first starts. The write carries the stored ETag, so it never
/// overwrites a registry that changed meanwhile. A registry grain already active in a running cluster does not see
/// the key until it is activated again; while the cluster runs, the admin route is the way.</summary>
public static class OfflineKeyRegistry
{
    /// <summary>Orleans names a grain class's type by dropping "Grain" and lower-casing: ApiKeyRegistryGrain is "apikeyregistry".</summary>
    private static readonly GrainId RegistryId = GrainId.Create(GrainType.Create("apikeyregistry"), GrainIdKeyExtensions.CreateIntegerKey(0));

    public static async Task<bool> CreateAsync(IGrainStorage grains, ApiKeyRecord key, CancellationToken cancellationToken)
    {
        var state = new RegistryState();
        await grains.ReadStateAsync(ApiKeyRegistryGrain.StateName, RegistryId, state).ConfigureAwait(false);
        if (!state.State.Keys.TryAdd(key.Id, key))
        {
            return false;
        }
        cancellationToken.ThrowIfCancellationRequested();
        await grains.WriteStateAsync(ApiKeyRegistryGrain.StateName, RegistryId, state).ConfigureAwait(false);
        return true;
    }

    private sealed class RegistryState : IGrainState<ApiKeyRegistryState>
    {
        [AllowNull]
        public ApiKeyRegistryState State { get; set; } = new();

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }
}
