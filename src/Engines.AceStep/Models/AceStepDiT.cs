using AudioMusic.Engines.AceStep.Nn;
using TorchSharp;
using TorchSharp.Modules;
using Linear = AudioMusic.Engines.AceStep.Nn.Linear;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Models;

/// <summary>Sinusoidal timestep features (t scaled by 1000, cos then sin, 256 channels) through a two-layer MLP;
/// also projects to the six AdaLN modulation vectors every DiT layer uses.</summary>
public sealed class TimestepEmbedding : nn.Module
{
    public const int FrequencyChannels = 256;
    private readonly Linear _first;
    private readonly Linear _second;
    private readonly Linear _modulation;

    public TimestepEmbedding(ParameterFactory factory, long hidden) : base(nameof(TimestepEmbedding))
    {
        _first = new Linear(factory, FrequencyChannels, hidden, bias: true);
        _second = new Linear(factory, hidden, hidden, bias: true);
        _modulation = new Linear(factory, hidden, hidden * 6, bias: true);
        register_module("linear_1", _first);
        register_module("linear_2", _second);
        register_module("time_proj", _modulation);
    }

    public static Tensor SinusoidalFeatures(Tensor t, int channels)
    {
        using var scope = NewDisposeScope();
        var half = channels / 2;
        var frequencies = torch.exp(torch.arange(half, ScalarType.Float32, t.device) * (-Math.Log(10_000) / half));
        var arguments = (t.to_type(ScalarType.Float32) * 1000).unsqueeze(1) * frequencies.unsqueeze(0);
        return torch.cat([arguments.cos(), arguments.sin()], -1).MoveToOuterDisposeScope();
    }

    /// <summary>t [batch] → (embedding [batch, hidden], modulation [batch, 6, hidden]).</summary>
    public (Tensor Embedding, Tensor Modulation) Forward(Tensor t, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var features = SinusoidalFeatures(t, FrequencyChannels).to_type(dtype);
        var embedding = _second.forward(nn.functional.silu(_first.forward(features)));
        var modulation = _modulation.forward(nn.functional.silu(embedding)).unflatten(1, [6, -1]);
        return (embedding.MoveToOuterDisposeScope(), modulation.MoveToOuterDisposeScope());
    }
}

/// <summary>One DiT layer: AdaLN-modulated self-attention with a gated residual, plain cross-attention to the
/// conditions, and an AdaLN-modulated gated SwiGLU MLP.</summary>
public sealed class DiTLayer : nn.Module
{
    private readonly RmsNorm _selfAttentionNorm;
    private readonly GqaAttention _selfAttention;
    private readonly RmsNorm _crossAttentionNorm;
    private readonly GqaAttention _crossAttention;
    private readonly RmsNorm _mlpNorm;
    private readonly SwiGluMlp _mlp;
    private readonly Parameter _scaleShiftTable;

    public DiTLayer(ParameterFactory factory, AceStepConfig config) : base(nameof(DiTLayer))
    {
        var shape = AceStepDiT.AttentionShapeOf(config);
        _selfAttentionNorm = new RmsNorm(factory, config.HiddenSize, config.RmsNormEps);
        _selfAttention = new GqaAttention(factory, shape);
        _crossAttentionNorm = new RmsNorm(factory, config.HiddenSize, config.RmsNormEps);
        _crossAttention = new GqaAttention(factory, shape);
        _mlpNorm = new RmsNorm(factory, config.HiddenSize, config.RmsNormEps);
        _mlp = new SwiGluMlp(factory, config.HiddenSize, config.IntermediateSize);
        _scaleShiftTable = factory.Create(1, 6, config.HiddenSize);
        register_module("self_attn_norm", _selfAttentionNorm);
        register_module("self_attn", _selfAttention);
        register_module("cross_attn_norm", _crossAttentionNorm);
        register_module("cross_attn", _crossAttention);
        register_module("mlp_norm", _mlpNorm);
        register_module("mlp", _mlp);
        register_parameter("scale_shift_table", _scaleShiftTable);
    }

    public AttentionContext PrepareConditions(Tensor embeddedConditions) => _crossAttention.ProjectContext(embeddedConditions);

    public Tensor Forward(Tensor x, RotaryTable rotary, Tensor? mask, Tensor modulation, AttentionContext conditions)
    {
        using var scope = NewDisposeScope();
        var parts = (_scaleShiftTable + modulation).chunk(6, 1);
        var (shift, scale, gate) = (parts[0], parts[1], parts[2]);
        var (mlpShift, mlpScale, mlpGate) = (parts[3], parts[4], parts[5]);
        var attended = _selfAttention.SelfAttend(_selfAttentionNorm.forward(x) * (1 + scale) + shift, rotary, mask);
        x = x + attended * gate;
        x = x + _crossAttention.CrossAttend(_crossAttentionNorm.forward(x), conditions);
        var fed = _mlp.forward(_mlpNorm.forward(x) * (1 + mlpScale) + mlpShift);
        return (x + fed * mlpGate).MoveToOuterDisposeScope();
    }
}

/// <summary>The diffusion transformer ("decoder" in the checkpoint): predicts the flow velocity of the noisy
/// latents given context latents, the timestep and the packed conditions.</summary>
public sealed class AceStepDiT : nn.Module
{
    private readonly AceStepConfig _config;
    private readonly ModuleList<DiTLayer> _layers = new();
    private readonly SequentialConvolution _patchify;
    private readonly TimestepEmbedding _timeEmbedding;
    private readonly TimestepEmbedding _timeDeltaEmbedding;
    private readonly Linear _conditionEmbedder;
    private readonly RmsNorm _outputNorm;
    private readonly SequentialConvolution _unpatchify;
    private readonly Parameter _outputScaleShift;

    public AceStepDiT(ParameterFactory factory, AceStepConfig config) : base(nameof(AceStepDiT))
    {
        _config = config;
        var hidden = config.HiddenSize;
        for (var i = 0; i < config.NumHiddenLayers; i++)
        {
            _layers.Add(new DiTLayer(factory, config));
        }
        _patchify = new SequentialConvolution(factory, [hidden, config.InChannels, config.PatchSize], hidden);
        _timeEmbedding = new TimestepEmbedding(factory, hidden);
        _timeDeltaEmbedding = new TimestepEmbedding(factory, hidden);
        _conditionEmbedder = new Linear(factory, config.EncoderHidden, hidden, bias: true);
        _outputNorm = new RmsNorm(factory, hidden, config.RmsNormEps);
        _unpatchify = new SequentialConvolution(factory, [hidden, config.AcousticDim, config.PatchSize], config.AcousticDim);
        _outputScaleShift = factory.Create(1, 2, hidden);
        register_module("layers", _layers);
        register_module("proj_in", _patchify);
        register_module("time_embed", _timeEmbedding);
        register_module("time_embed_r", _timeDeltaEmbedding);
        register_module("condition_embedder", _conditionEmbedder);
        register_module("norm_out", _outputNorm);
        register_module("proj_out", _unpatchify);
        register_parameter("scale_shift_table", _outputScaleShift);
    }

    public static AttentionShape AttentionShapeOf(AceStepConfig config) =>
        new(config.HiddenSize, config.NumAttentionHeads, config.NumKeyValueHeads, config.HeadDim, config.AttentionBias, config.RmsNormEps);

    /// <summary>Embeds the packed conditions [B, S, encoderHidden] and projects every layer's cross-attention keys and
    /// values once per request; every diffusion step reuses them.</summary>
    public IReadOnlyList<AttentionContext> PrepareConditions(Tensor conditions)
    {
        using var scope = NewDisposeScope();
        var embedded = _conditionEmbedder.forward(conditions);
        var prepared = _layers.Select(layer => layer.PrepareConditions(embedded)).ToArray();
        foreach (var context in prepared)
        {
            context.Key.MoveToOuterDisposeScope();
            context.Value.MoveToOuterDisposeScope();
        }
        return prepared;
    }

    /// <summary>noisy [B, T, 64], t [B], context [B, T, in−64], prepared conditions → velocity [B, T, 64].</summary>
    public Tensor Forward(Tensor noisy, Tensor t, Tensor context, IReadOnlyList<AttentionContext> conditions)
    {
        using var scope = NewDisposeScope();
        var dtype = noisy.dtype;
        var (embedding, modulation) = _timeEmbedding.Forward(t, dtype);
        // The turbo sampler passes r = t, so the second embedder sees t − r = 0; its biases still contribute.
        var (deltaEmbedding, deltaModulation) = _timeDeltaEmbedding.Forward(torch.zeros_like(t), dtype);
        embedding = embedding + deltaEmbedding;
        modulation = modulation + deltaModulation;

        var x = torch.cat([context, noisy], -1);
        var length = x.shape[1];
        var padding = (_config.PatchSize - length % _config.PatchSize) % _config.PatchSize;
        if (padding > 0)
        {
            x = nn.functional.pad(x, [0, 0, 0, padding]);
        }
        x = Patchify(x);

        var patches = x.shape[1];
        using var rotary = RotaryTable.Create(patches, _config.HeadDim, _config.RopeTheta, dtype, x.device);
        var sliding = AttentionMasks.SlidingWindow(patches, _config.SlidingWindow, x.device);
        for (var i = 0; i < _layers.Count; i++)
        {
            x = _layers[i].Forward(x, rotary, _config.IsSlidingLayer(i) ? sliding : null, modulation, conditions[i]);
        }

        var outputModulation = (_outputScaleShift + embedding.unsqueeze(1)).chunk(2, 1);
        x = _outputNorm.forward(x) * (1 + outputModulation[1]) + outputModulation[0];
        x = Unpatchify(x);
        return x.narrow(1, 0, length).MoveToOuterDisposeScope();
    }

    // The patch convolutions have stride = kernel = patch size, so each output depends on one patch alone: they are
    // exactly a linear map of each flattened patch. Computed that way rather than with conv1d/conv_transpose1d, whose
    // CPU kernels in libtorch 2.10 intermittently returned NaN for these shapes (about one test run in three, with
    // identical inputs and weights); the matrix products give the same values without that failure.

    /// <summary>x [B, L, Cin] (L a multiple of the patch size) → [B, L / P, hidden]: conv1d weight [hidden, Cin, P] as a
    /// linear map of each patch flattened position-major (index k · Cin + c).</summary>
    private Tensor Patchify(Tensor x)
    {
        var (batch, length, channels) = (x.shape[0], x.shape[1], x.shape[2]);
        var patch = _config.PatchSize;
        var weight = _patchify.Weight.permute(0, 2, 1).reshape(_patchify.Weight.shape[0], patch * channels);
        return nn.functional.linear(x.reshape(batch, length / patch, patch * channels), weight, _patchify.Bias);
    }

    /// <summary>x [B, J, hidden] → [B, J · P, Cout]: conv_transpose1d weight [hidden, Cout, P] spreads each position over
    /// the P samples of its patch.</summary>
    private Tensor Unpatchify(Tensor x)
    {
        var (batch, patches) = (x.shape[0], x.shape[1]);
        var patch = _config.PatchSize;
        var outChannels = _unpatchify.Weight.shape[1];
        var weight = _unpatchify.Weight.reshape(_unpatchify.Weight.shape[0], outChannels * patch);
        var spread = torch.matmul(x, weight).view(batch, patches, outChannels, patch).permute(0, 1, 3, 2);
        return spread.reshape(batch, patches * patch, outChannels) + _unpatchify.Bias;
    }
}
