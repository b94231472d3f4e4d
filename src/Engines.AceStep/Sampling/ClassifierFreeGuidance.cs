using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Sampling;

/// <summary>unconditional + scale · (conditional − unconditional).</summary>
public sealed class ClassifierFreeGuidance(double scale) : Guidance(scale)
{
    public override Tensor Combine(Tensor conditional, Tensor unconditional, Tensor latents, double t) =>
        unconditional + Scale * (conditional - unconditional);
}
