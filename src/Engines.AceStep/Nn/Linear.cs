using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Nn;

/// <summary>A dense layer with the PyTorch parameter layout: weight [out, in] and an optional bias [out].</summary>
public sealed class Linear : nn.Module<Tensor, Tensor>
{
    private readonly Parameter _weight;
    private readonly Parameter? _bias;

    public Linear(ParameterFactory factory, long inFeatures, long outFeatures, bool bias) : base(nameof(Linear))
    {
        _weight = factory.Create(outFeatures, inFeatures);
        register_parameter("weight", _weight);
        if (bias)
        {
            _bias = factory.Create(outFeatures);
            register_parameter("bias", _bias);
        }
    }

    public override Tensor forward(Tensor input) => nn.functional.linear(input, _weight, _bias);
}
