using AudioMusic.Engines.AceStep.Models;
using AudioMusic.Engines.AceStep.Nn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Vae;

/// <summary>Snake activation with log-scale parameters: x + sin²(e^α·x) / (e^β + 1e-9), per channel.</summary>
public sealed class Snake1d : nn.Module<Tensor, Tensor>
{
    private readonly Parameter _alpha;
    private readonly Parameter _beta;

    public Snake1d(ParameterFactory factory, long channels) : base(nameof(Snake1d))
    {
        _alpha = factory.Create(1, channels, 1);
        _beta = factory.Create(1, channels, 1);
        register_parameter("alpha", _alpha);
        register_parameter("beta", _beta);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var frequency = _alpha.exp();
        var inverseAmplitude = (_beta.exp() + 1e-9).reciprocal();
        return (input + inverseAmplitude * (frequency * input).sin().pow(2)).MoveToOuterDisposeScope();
    }
}

/// <summary>A weight-normalised 1-D (transposed) convolution stored as PyTorch's weight_norm does: direction v and
/// magnitude g over dimension 0, weight = g · v / ‖v‖. The weight is folded once and cached, since it never changes
/// after loading; <see cref="InvalidateFoldedWeight"/> drops the cache when parameters are reloaded.</summary>
public sealed class WeightNormConv1d : nn.Module<Tensor, Tensor>
{
    private readonly Parameter _magnitude;
    private readonly Parameter _direction;
    private readonly Parameter? _bias;
    private readonly bool _transposed;
    private readonly long _stride;
    private readonly long _padding;
    private readonly long _dilation;
    private Tensor? _folded;

    private WeightNormConv1d(ParameterFactory factory, long[] weightShape, long biasSize, bool bias, bool transposed, long stride, long padding, long dilation)
        : base(nameof(WeightNormConv1d))
    {
        _transposed = transposed;
        _stride = stride;
        _padding = padding;
        _dilation = dilation;
        _magnitude = factory.Create(weightShape[0], 1, 1);
        _direction = factory.Create(weightShape);
        register_parameter("weight_g", _magnitude);
        register_parameter("weight_v", _direction);
        if (bias)
        {
            _bias = factory.Create(biasSize);
            register_parameter("bias", _bias);
        }
    }

    public static WeightNormConv1d Convolution(ParameterFactory factory, long inChannels, long outChannels, long kernel, long padding = 0, long dilation = 1, bool bias = true) =>
        new(factory, [outChannels, inChannels, kernel], outChannels, bias, transposed: false, stride: 1, padding, dilation);

    public static WeightNormConv1d Transposed(ParameterFactory factory, long inChannels, long outChannels, long kernel, long stride, long padding) =>
        new(factory, [inChannels, outChannels, kernel], outChannels, bias: true, transposed: true, stride, padding, dilation: 1);

    /// <summary>g · v / ‖v‖ with the norm taken over every dimension but the first.</summary>
    public static Tensor FoldWeightNorm(Tensor magnitude, Tensor direction)
    {
        using var scope = NewDisposeScope();
        var norm = direction.to_type(ScalarType.Float32).pow(2).sum([1L, 2L], keepdim: true).sqrt();
        return (magnitude.to_type(ScalarType.Float32) * direction.to_type(ScalarType.Float32) / norm)
            .to_type(direction.dtype).MoveToOuterDisposeScope();
    }

    public void InvalidateFoldedWeight()
    {
        _folded?.Dispose();
        _folded = null;
    }

    public override Tensor forward(Tensor input)
    {
        _folded ??= FoldWeightNorm(_magnitude, _direction).DetachFromDisposeScope();
        return _transposed
            ? nn.functional.conv_transpose1d(input, _folded, _bias, stride: _stride, padding: _padding)
            : nn.functional.conv1d(input, _folded, _bias, stride: _stride, padding: _padding, dilation: _dilation);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            InvalidateFoldedWeight();
        }
        base.Dispose(disposing);
    }
}

/// <summary>Snake → dilated conv(7) → Snake → conv(1), added to the input.</summary>
public sealed class OobleckResidualUnit : nn.Module<Tensor, Tensor>
{
    private readonly Snake1d _snake1;
    private readonly WeightNormConv1d _conv1;
    private readonly Snake1d _snake2;
    private readonly WeightNormConv1d _conv2;

    public OobleckResidualUnit(ParameterFactory factory, long channels, long dilation) : base(nameof(OobleckResidualUnit))
    {
        _snake1 = new Snake1d(factory, channels);
        _conv1 = WeightNormConv1d.Convolution(factory, channels, channels, 7, padding: 3 * dilation, dilation: dilation);
        _snake2 = new Snake1d(factory, channels);
        _conv2 = WeightNormConv1d.Convolution(factory, channels, channels, 1);
        register_module("snake1", _snake1);
        register_module("conv1", _conv1);
        register_module("snake2", _snake2);
        register_module("conv2", _conv2);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var output = _conv2.forward(_snake2.forward(_conv1.forward(_snake1.forward(input))));
        return (input + output).MoveToOuterDisposeScope();
    }
}

/// <summary>Snake → transposed conv (kernel 2s, stride s: exactly ×s for even s) → residual units dilated 1, 3, 9.</summary>
public sealed class OobleckDecoderBlock : nn.Module<Tensor, Tensor>
{
    private readonly Snake1d _snake;
    private readonly WeightNormConv1d _upsample;
    private readonly OobleckResidualUnit[] _units;

    public OobleckDecoderBlock(ParameterFactory factory, long inChannels, long outChannels, int stride) : base(nameof(OobleckDecoderBlock))
    {
        _snake = new Snake1d(factory, inChannels);
        _upsample = WeightNormConv1d.Transposed(factory, inChannels, outChannels, 2 * stride, stride, (stride + 1) / 2);
        _units = [new(factory, outChannels, 1), new(factory, outChannels, 3), new(factory, outChannels, 9)];
        register_module("snake1", _snake);
        register_module("conv_t1", _upsample);
        for (var i = 0; i < _units.Length; i++)
        {
            register_module($"res_unit{i + 1}", _units[i]);
        }
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = _upsample.forward(_snake.forward(input));
        foreach (var unit in _units)
        {
            x = unit.forward(x);
        }
        return x.MoveToOuterDisposeScope();
    }
}

/// <summary>The Oobleck VAE decoder: latents [B, 64, T] at 25 Hz → audio [B, 2, T·1920] at 48 kHz. Parameter
/// names follow diffusers' AutoencoderOobleck under "decoder."; the encoder half is not needed for text-to-music.</summary>
public sealed class OobleckDecoder : nn.Module<Tensor, Tensor>
{
    private readonly WeightNormConv1d _input;
    private readonly ModuleList<OobleckDecoderBlock> _blocks = new();
    private readonly Snake1d _snake;
    private readonly WeightNormConv1d _output;

    public OobleckDecoder(ParameterFactory factory, OobleckConfig config) : base(nameof(OobleckDecoder))
    {
        Config = config;
        var multiples = new[] { 1 }.Concat(config.ChannelMultiples).ToArray();
        var strides = config.DownsamplingRatios.Reverse().ToArray();
        var width = config.DecoderChannels;
        _input = WeightNormConv1d.Convolution(factory, config.DecoderInputChannels, width * multiples[^1], 7, padding: 3);
        for (var i = 0; i < strides.Length; i++)
        {
            _blocks.Add(new OobleckDecoderBlock(factory, width * multiples[strides.Length - i], width * multiples[strides.Length - i - 1], strides[i]));
        }
        _snake = new Snake1d(factory, width);
        _output = WeightNormConv1d.Convolution(factory, width, config.AudioChannels, 7, padding: 3, bias: false);
        register_module("conv1", _input);
        register_module("block", _blocks);
        register_module("snake1", _snake);
        register_module("conv2", _output);
    }

    public OobleckConfig Config { get; }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = _input.forward(input);
        foreach (var block in _blocks)
        {
            x = block.forward(x);
        }
        return _output.forward(_snake.forward(x)).MoveToOuterDisposeScope();
    }
}

/// <summary>The VAE checkpoint as published (diffusion_pytorch_model.safetensors): only its "decoder." half is built;
/// its "encoder." tensors are skipped by the loader.</summary>
public sealed class OobleckVae : nn.Module
{
    public static IReadOnlyList<string> UnusedPrefixes { get; } = ["encoder."];

    public OobleckVae(ParameterFactory factory, OobleckConfig config) : base(nameof(OobleckVae))
    {
        Decoder = new OobleckDecoder(factory, config);
        register_module("decoder", Decoder);
    }

    public OobleckDecoder Decoder { get; }
}
