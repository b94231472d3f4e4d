using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Nn;

/// <summary>Root-mean-square normalisation over the last dimension, computed in fp32 as Qwen3 does so bf16
/// activations do not lose the variance, then scaled by a learned per-channel weight.</summary>
public sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter _weight;
    private readonly double _epsilon;

    public RmsNorm(ParameterFactory factory, long size, double epsilon) : base(nameof(RmsNorm))
    {
        _epsilon = epsilon;
        _weight = factory.Create(size);
        register_parameter("weight", _weight);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input.to_type(ScalarType.Float32);
        var variance = x.pow(2).mean([-1L], keepdim: true);
        var normalised = (x * torch.rsqrt(variance + _epsilon)).to_type(input.dtype);
        return (_weight * normalised).MoveToOuterDisposeScope();
    }
}
