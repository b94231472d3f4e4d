using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Sampling;

/// <summary>Combines the conditional and unconditional velocity predictions of one sampler step. One instance
/// serves one generation from its first step to its last, because some methods carry state from step to step.</summary>
public abstract class Guidance(double scale) : IDisposable
{
    public double Scale { get; } = scale;

    public static Guidance Create(AceStepGuidance method, double scale) => method switch
    {
        AceStepGuidance.Apg => new AdaptiveProjectedGuidance(scale),
        AceStepGuidance.Adg => new AngleDynamicGuidance(scale),
        AceStepGuidance.Cfg => new ClassifierFreeGuidance(scale),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown guidance method"),
    };

    /// <summary>The guided velocity for latents <paramref name="latents"/> at time <paramref name="t"/>; every
    /// tensor is [batch, frames, channels].</summary>
    public abstract Tensor Combine(Tensor conditional, Tensor unconditional, Tensor latents, double t);

    /// <summary>Frees state kept between steps; stateless methods have none.</summary>
    public virtual void Dispose() => GC.SuppressFinalize(this);
}
