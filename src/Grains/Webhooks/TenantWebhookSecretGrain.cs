namespace AudioMusic.Grains.Webhooks;

[GenerateSerializer]
public sealed class TenantWebhookSecretState
{
    [Id(0)] public TenantWebhookSecrets? Secrets { get; set; }
}

public sealed class TenantWebhookSecretGrain : Grain, ITenantWebhookSecretGrain
{
    private readonly IPersistentState<TenantWebhookSecretState> _state;

    public TenantWebhookSecretGrain([PersistentState("webhook-secret", StorageNames.Jobs)] IPersistentState<TenantWebhookSecretState> state) => _state = state;

    public async Task<TenantWebhookSecrets> Get(DateTimeOffset now)
    {
        if (_state.State.Secrets is { } secrets)
        {
            return secrets;
        }
        _state.State.Secrets = new TenantWebhookSecrets(WebhookSigner.NewSecret(), null, null);
        await _state.WriteStateAsync();
        return _state.State.Secrets;
    }

    public async Task<TenantWebhookSecrets> Rotate(DateTimeOffset now, TimeSpan grace)
    {
        var old = await Get(now);
        _state.State.Secrets = new TenantWebhookSecrets(WebhookSigner.NewSecret(), old.Current, now + grace);
        await _state.WriteStateAsync();
        return _state.State.Secrets;
    }
}
