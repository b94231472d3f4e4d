namespace AudioMusic.Grains.Resilience;

/// <summary>Makes a grain call again after a transient failure (<see cref="TransientFailures"/>), with backoff, until it
/// succeeds or <c>bound</c> has passed; then the last failure is thrown. Only for calls that may arrive twice.</summary>
public static class TransientRetry
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    public static async Task<T> RunAsync<T>(Func<Task<T>> call, TimeSpan bound, TimeProvider time)
    {
        var started = time.GetTimestamp();
        var backoff = FirstBackoff;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (TransientFailures.IsTransient(ex) && time.GetElapsedTime(started) + backoff < bound)
            {
                await Task.Delay(backoff, time);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    public static Task RunAsync(Func<Task> call, TimeSpan bound, TimeProvider time) => RunAsync(async () =>
    {
        await call();
        return true;
    }, bound, time);
}
