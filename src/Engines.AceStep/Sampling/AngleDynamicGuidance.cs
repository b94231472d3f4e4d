using TorchSharp;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Sampling;

/// <summary>Angle-based dynamic guidance (ADG), upstream ACE-Step 1.5's alternative to APG (use_adg, adg_forward).
/// It works on the clean-latent estimates x̂ = x − t·v of both predictions, frame by frame over the latent channels:
/// θ is the angle between x̂_cond and x̂_uncond, w = max(scale − 1, 0) + 0.001, θ' = clip(w·θ, ±angle clip); the
/// guided estimate is cos θ' · x̂_cond + sin θ' / sin θ · p, with p the part of x̂_cond − x̂_uncond orthogonal to
/// x̂_uncond (w · p when sin θ ≤ 0.001), and the velocity is (x − guided) / t. Computed in float64.</summary>
public sealed class AngleDynamicGuidance(double scale, double angleClip = AngleDynamicGuidance.DefaultAngleClip) : Guidance(scale)
{
    /// <summary>Upstream's default clip, written there as 3.14 / 6 (not π / 6).</summary>
    public const double DefaultAngleClip = 3.14 / 6;

    private const long Channels = -1;

    public override Tensor Combine(Tensor conditional, Tensor unconditional, Tensor latents, double t)
    {
        // Recovering a velocity divides by t; the sampler never evaluates the model at t = 0.
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(t);
        using var scope = NewDisposeScope();
        var weight = Math.Max(Scale - 1, 0) + 1e-3;
        var x = latents.to_type(ScalarType.Float64);
        var cleanConditional = x - t * conditional.to_type(ScalarType.Float64);
        var cleanUnconditional = x - t * unconditional.to_type(ScalarType.Float64);
        var difference = cleanConditional - cleanUnconditional;

        var cosine = Dot(cleanConditional, cleanUnconditional) / (Norm(cleanConditional) * Norm(cleanUnconditional));
        var angle = cosine.clamp(-1 + 1e-6, 1 - 1e-6).acos();
        var turned = (weight * angle).clamp(-angleClip, angleClip);
        var orthogonal = difference - Dot(difference, cleanUnconditional) / (Dot(cleanUnconditional, cleanUnconditional) + 1e-8) * cleanUnconditional;
        var sine = angle.sin();
        var rotated = torch.where(sine > 1e-3, orthogonal * turned.sin() / sine, orthogonal * weight);
        var guided = turned.cos() * cleanConditional + rotated;
        return ((x - guided) / t).to_type(conditional.dtype).MoveToOuterDisposeScope();
    }

    private static Tensor Dot(Tensor a, Tensor b) => (a * b).sum(Channels, keepdim: true);

    private static Tensor Norm(Tensor x) => Dot(x, x).sqrt();
}
