using AudioMusic.Grains.Access;

namespace AudioMusic.ApiHost.Access;

/// <summary>Each key's <c>requests_per_minute</c>, counted in windows aligned to the clock's minutes (so an answer can say
/// exactly what is left and when it resets: the IETF RateLimit fields) by one grain per key that every API host asks,
/// so the limit holds for the cluster. Only keys with the limit pay the call.</summary>
public sealed class KeyRequestWindows
{
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;

    public KeyRequestWindows(IGrainFactory grains, TimeProvider time)
    {
        _grains = grains;
        _time = time;
    }

    /// <summary>Counts one request; whether it is allowed, how many are left in this window and the seconds until the
    /// next one starts.</summary>
    public async Task<(bool Allowed, int Remaining, int ResetSeconds)> TakeAsync(string keyId, int perMinute, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        // One call, not a retried read: Take counts, and a request sent twice would be counted twice. A failure is the
        // API's usual 503 with Retry-After (the cluster is unreachable), and nothing was done.
        cancellationToken.ThrowIfCancellationRequested();
        var decision = await _grains.GetGrain<IKeyRateGrain>(keyId).Take(now / 60, perMinute);
        return (decision.Allowed, decision.Remaining, (int)(60 - now % 60));
    }
}
