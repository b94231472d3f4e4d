using AudioMusic.Domain;

namespace AudioMusic.Engines.BuiltIn.Composition;

/// <summary>Turns grid positions into performed times: swing (the off-beat eighth delayed towards a triplet) and
/// humanisation (small seeded deviations of timing and velocity). Downbeats are never moved by swing, so the
/// beat grid stays exact.</summary>
public sealed class Groove
{
    private readonly SongTiming _timing;
    private readonly double _swing;

    public Groove(SongTiming timing, double swing)
    {
        _timing = timing;
        // Swing means nothing in 6/8, whose eighths are already the pulse's subdivision.
        _swing = timing.Meter == TimeSignature.SixEight ? 0 : swing;
    }

    public SongTiming Timing => _timing;

    /// <summary>Seconds of sixteenth step <paramref name="step"/> (may be fractional) in <paramref name="bar"/>.</summary>
    public double Time(int bar, double step)
    {
        if (_swing <= 0.5)
        {
            return _timing.StepTime(bar, step);
        }
        var beat = Math.Floor(step / 4);
        var within = step - beat * 4; // 0..4 sixteenths inside the quarter
        var swung = within <= 2 ? within / 2 * _swing * 4 : _swing * 4 + (within - 2) / 2 * (1 - _swing) * 4;
        return _timing.StepTime(bar, beat * 4 + swung);
    }

    public static double Jitter(SeededRandom random, double sigmaSeconds) => random.Gaussian() * sigmaSeconds;

    public static float Humanise(SeededRandom random, float velocity, double spread = 0.08) =>
        (float)Math.Clamp(velocity * (1 + random.Gaussian() * spread), 0.05, 1.0);
}
