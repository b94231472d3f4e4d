namespace AudioMusic.Grains.Devices;

/// <summary>An auto-reset signal with a timeout, used by an idle device waiting for work.</summary>
internal sealed class WakeSignal
{
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set() => _signal.TrySetResult();

    public async Task WaitAsync(TimeSpan timeout, TimeProvider time)
    {
        await Task.WhenAny(_signal.Task, Task.Delay(timeout, time));
        _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
