using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Nn;

/// <summary>The parameters of a plain (transposed) 1-D convolution: weight and bias.</summary>
public sealed class ConvolutionParameters : nn.Module
{
    public ConvolutionParameters(ParameterFactory factory, long[] weightShape, long biasSize) : base(nameof(ConvolutionParameters))
    {
        Weight = factory.Create(weightShape);
        Bias = factory.Create(biasSize);
        register_parameter("weight", Weight);
        register_parameter("bias", Bias);
    }

    public Parameter Weight { get; }

    public Parameter Bias { get; }
}

/// <summary>Upstream wraps its patch convolutions in nn.Sequential(transpose, conv, transpose), so their tensors are
/// named "&lt;name&gt;.1.weight"; this module reproduces that nesting and exposes the convolution's parameters.</summary>
public sealed class SequentialConvolution : nn.Module
{
    private readonly ConvolutionParameters _convolution;

    public SequentialConvolution(ParameterFactory factory, long[] weightShape, long biasSize) : base(nameof(SequentialConvolution))
    {
        _convolution = new ConvolutionParameters(factory, weightShape, biasSize);
        register_module("1", _convolution);
    }

    public Tensor Weight => _convolution.Weight;

    public Tensor Bias => _convolution.Bias;
}
