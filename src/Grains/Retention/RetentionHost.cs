using AudioMusic.Storage;
using AudioMusic.Storage.Memory;
using Microsoft.Extensions.Options;

namespace AudioMusic.Grains.Retention;

/// <summary>Makes sure the retention reminder exists once the silo is active, when a retention is configured; and in the
/// memory mode with <c>Storage:MemoryLimitMb</c>, checks every second whether the audio held went over the limit.</summary>
public sealed class RetentionHost : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private static readonly TimeSpan MemoryCheckPeriod = TimeSpan.FromSeconds(1);

    private readonly IGrainFactory _grains;
    private readonly RetentionOptions _options;
    private readonly MemoryArtifactStore? _memory;
    private readonly CancellationTokenSource _stopping = new();
    private Task _memoryWatch = Task.CompletedTask;

    public RetentionHost(IGrainFactory grains, IOptions<RetentionOptions> options, IArtifactStore artifacts)
    {
        _grains = grains;
        _options = options.Value;
        _memory = artifacts as MemoryArtifactStore;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RetentionHost), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        if (_memory is not null && _options.MemoryLimitBytes is { } limit)
        {
            _memoryWatch = WatchMemoryAsync(_memory, limit, _stopping.Token);
        }
        return _options.Retention is null ? Task.CompletedTask : _grains.GetGrain<IRetentionGrain>(0).Start();
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _memoryWatch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>A check is one subtraction, so it runs often; the grain is called only when there is work.</summary>
    private async Task WatchMemoryAsync(MemoryArtifactStore memory, long limit, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(MemoryCheckPeriod);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            if (memory.HeldBytes > limit)
            {
                try
                {
                    await _grains.GetGrain<IRetentionGrain>(0).TrimToMemoryLimit().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OrleansException or TimeoutException)
                {
                    // The next tick tries again; the limit is a target, not a hard wall.
                }
            }
        }
    }

    public void Dispose() => _stopping.Dispose();
}
