namespace AudioMusic.Grains.Access;

/// <summary>A key's <c>requests_per_minute</c> window, shared by every API host, so the limit holds for the cluster and
/// not per host. Kept in memory only: a window lost with its silo starts again from zero, at most one minute's
/// allowance given twice.</summary>
public sealed class KeyRateGrain : Grain, IKeyRateGrain
{
    private long _minute;
    private int _count;

    public Task<RateDecision> Take(long minute, int perMinute)
    {
        if (minute != _minute)
        {
            // A host whose clock is a little behind may still ask about the minute before: it counts in the current one.
            if (minute < _minute)
            {
                minute = _minute;
            }
            else
            {
                _minute = minute;
                _count = 0;
            }
        }
        if (_count >= perMinute)
        {
            return Task.FromResult(new RateDecision(false, 0));
        }
        _count++;
        return Task.FromResult(new RateDecision(true, perMinute - _count));
    }
}
