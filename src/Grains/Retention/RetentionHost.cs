using Microsoft.Extensions.Options;

namespace AudioMusic.Grains.Retention;

/// <summary>Makes sure the retention reminder exists once the silo is active, when a retention is configured.</summary>
public sealed class RetentionHost : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly IGrainFactory _grains;
    private readonly RetentionOptions _options;

    public RetentionHost(IGrainFactory grains, IOptions<RetentionOptions> options)
    {
        _grains = grains;
        _options = options.Value;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RetentionHost), ServiceLifecycleStage.Active, StartAsync, _ => Task.CompletedTask);

    private Task StartAsync(CancellationToken cancellationToken) =>
        _options.Retention is null ? Task.CompletedTask : _grains.GetGrain<IRetentionGrain>(0).Start();
}
