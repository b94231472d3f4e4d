using System.Collections.Concurrent;

namespace AudioMusic.ApiHost.Access;

/// <summary>Each key's <c>requests_per_minute</c>, counted in windows aligned to the clock's minutes, so the answer can
/// say exactly what is left and when it resets (the IETF RateLimit fields). Counted per API host: behind a balancer
/// of N hosts a key gets up to N times its rate (docs/security.md).</summary>
public sealed class KeyRequestWindows
{
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public KeyRequestWindows(TimeProvider time) => _time = time;

    /// <summary>Counts one request; whether it is allowed, how many are left in this window and the seconds until the
    /// next one starts.</summary>
    public (bool Allowed, int Remaining, int ResetSeconds) Take(string keyId, int perMinute)
    {
        var now = _time.GetUtcNow();
        var minute = now.ToUnixTimeSeconds() / 60;
        var reset = (int)(60 - now.ToUnixTimeSeconds() % 60);
        var window = _windows.GetOrAdd(keyId, _ => new Window());
        lock (window)
        {
            if (window.Minute != minute)
            {
                window.Minute = minute;
                window.Count = 0;
            }
            if (window.Count >= perMinute)
            {
                return (false, 0, reset);
            }
            window.Count++;
            return (true, perMinute - window.Count, reset);
        }
    }

    private sealed class Window
    {
        public long Minute { get; set; }

        public int Count { get; set; }
    }
}
