namespace AudioMusic.Grains.Transfer;

/// <summary>Orleans' ADO.NET grain storage loads its queries when a silo's lifecycle starts it, and offers no other way
/// in; export and import run without a silo, so this plays the silo's part for that one provider: it collects what the
/// provider subscribes and starts it, stage by stage.</summary>
internal sealed class StartOnlyLifecycle : ISiloLifecycle
{
    private readonly List<(int Stage, ILifecycleObserver Observer)> _observers = [];

    public int HighestCompletedStage { get; private set; }

    /// <summary>Nothing is ever stopped through it: the provider's connections close with the process.</summary>
    public int LowestStoppedStage => int.MaxValue;

    public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
    {
        var subscription = (stage, observer);
        _observers.Add(subscription);
        return new Unsubscriber(() => _observers.Remove(subscription));
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (stage, observer) in _observers.OrderBy(o => o.Stage))
        {
            await observer.OnStart(cancellationToken).ConfigureAwait(false);
            HighestCompletedStage = stage;
        }
    }

    private sealed class Unsubscriber(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }
}
