using TorchSharp;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Sampling;

/// <summary>Adaptive projected guidance (APG), as upstream ACE-Step 1.5 applies it to base/sft checkpoints by default
/// (apg_forward with a MomentumBuffer, dims=[1]):
/// <list type="number">
/// <item>d = conditional − unconditional, accumulated with momentum m: a ← d + m·a (a starts at d), d = a;</item>
/// <item>d is scaled by min(1, threshold / ‖d‖);</item>
/// <item>d is split into the part parallel to the conditional prediction and the orthogonal rest; the parallel part
/// is weighted by η (0: dropped);</item>
/// <item>guided = conditional + (scale − 1) · (d⊥ + η·d∥).</item>
/// </list>
/// Norms and projections run along axis 1 of [batch, frames, channels], i.e. along time for each item and latent
/// channel, exactly as upstream's dims=[1]. Upstream's defaults: η = 0, threshold = 2.5, m = −0.75. With η = 1, no
/// threshold and no momentum this is plain classifier-free guidance.</summary>
public sealed class AdaptiveProjectedGuidance(double scale, double eta = 0.0, double normThreshold = 2.5, double momentum = -0.75)
    : Guidance(scale)
{
    private const long Axis = 1;
    // torch.nn.functional.normalize's floor on the norm, which upstream's projection uses.
    private const double NormalizeEpsilon = 1e-12;

    private Tensor? _average;

    public override Tensor Combine(Tensor conditional, Tensor unconditional, Tensor latents, double t)
    {
        using var scope = NewDisposeScope();
        var difference = conditional - unconditional;
        var previous = _average;
        _average = (previous is null ? difference : difference + momentum * previous).DetachFromDisposeScope();
        previous?.Dispose();

        // Upstream projects in float64 and casts back; the threshold is done in float64 here as well.
        var update = _average.to_type(ScalarType.Float64);
        if (normThreshold > 0)
        {
            // min(1, threshold / ‖d‖): a zero difference gives +∞ before the clamp and stays zero.
            update = update * (normThreshold / Norm(update)).clamp_max(1);
        }
        var direction = conditional.to_type(ScalarType.Float64);
        direction = direction / Norm(direction).clamp_min(NormalizeEpsilon);
        var parallel = (update * direction).sum(Axis, keepdim: true) * direction;
        update = update - parallel + eta * parallel;
        return (conditional + ((Scale - 1) * update).to_type(conditional.dtype)).MoveToOuterDisposeScope();
    }

    public override void Dispose()
    {
        _average?.Dispose();
        _average = null;
        base.Dispose();
    }

    private static Tensor Norm(Tensor x) => x.pow(2).sum(Axis, keepdim: true).sqrt();
}
