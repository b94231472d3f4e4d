using TorchSharp;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Sampling;

/// <summary>The flow-matching time grid: noise at t = 1, data at t = 0, uniformly spaced and then shifted towards
/// the noisy end by t' = s·t / (1 + (s − 1)·t). With s = 3 and 8 steps this reproduces upstream's turbo table.</summary>
public static class FlowMatchSchedule
{
    public static double Shift(double t, double shift) => shift * t / (1 + (shift - 1) * t);

    /// <summary>The <paramref name="steps"/> times at which the model is evaluated, followed by the final 0.</summary>
    public static double[] Timesteps(int steps, double shift)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shift);
        var times = new double[steps + 1];
        for (var i = 0; i < steps; i++)
        {
            times[i] = Shift(1.0 - (double)i / steps, shift);
        }
        return times;
    }

    /// <summary>One Euler step of dx/dt = v from <paramref name="t"/> down to <paramref name="tNext"/>: x − v·(t − tNext).
    /// With tNext = 0 this is upstream's final "x0 = xt − v·t".</summary>
    public static Tensor EulerStep(Tensor x, Tensor velocity, double t, double tNext) => x - velocity * (t - tNext);
}
