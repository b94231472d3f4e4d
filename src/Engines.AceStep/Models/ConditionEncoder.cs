using AudioMusic.Engines.AceStep.Nn;
using TorchSharp;
using TorchSharp.Modules;
using Linear = AudioMusic.Engines.AceStep.Nn.Linear;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Models;

/// <summary>A bidirectional encoder stack shared by the lyric and timbre encoders: input projection
/// (embed_tokens), layers alternating sliding-window and full attention, final norm.</summary>
public sealed class BidirectionalEncoder : nn.Module
{
    private readonly AceStepConfig _config;
    private readonly Linear _inputProjection;
    private readonly ModuleList<TransformerBlock> _layers = new();
    private readonly RmsNorm _norm;

    public BidirectionalEncoder(ParameterFactory factory, AceStepConfig config, long inputDim, int layerCount) : base(nameof(BidirectionalEncoder))
    {
        _config = config;
        _inputProjection = new Linear(factory, inputDim, config.HiddenSize, bias: true);
        _norm = new RmsNorm(factory, config.HiddenSize, config.RmsNormEps);
        for (var i = 0; i < layerCount; i++)
        {
            _layers.Add(new TransformerBlock(factory, AceStepDiT.AttentionShapeOf(config), config.IntermediateSize));
        }
        register_module("embed_tokens", _inputProjection);
        register_module("norm", _norm);
        register_module("layers", _layers);
    }

    /// <summary>inputs [batch, length, inputDim] → [batch, length, hidden].</summary>
    public Tensor Encode(Tensor inputs)
    {
        using var scope = NewDisposeScope();
        var hidden = _inputProjection.forward(inputs);
        var length = hidden.shape[1];
        using var rotary = RotaryTable.Create(length, _config.HeadDim, _config.RopeTheta, hidden.dtype, hidden.device);
        var sliding = AttentionMasks.SlidingWindow(length, _config.SlidingWindow, hidden.device);
        for (var i = 0; i < _layers.Count; i++)
        {
            hidden = _layers[i].Forward(hidden, rotary, _config.IsSlidingLayer(i) ? sliding : null);
        }
        return _norm.forward(hidden).MoveToOuterDisposeScope();
    }
}

/// <summary>Packs the conditions the DiT cross-attends to: encoded lyrics, one timbre vector, projected caption.</summary>
public sealed class ConditionEncoder : nn.Module
{
    private readonly Linear _textProjector;
    private readonly BidirectionalEncoder _lyricEncoder;
    private readonly BidirectionalEncoder _timbreEncoder;

    public ConditionEncoder(ParameterFactory factory, AceStepConfig config) : base(nameof(ConditionEncoder))
    {
        _textProjector = new Linear(factory, config.TextHiddenDim, config.HiddenSize, bias: false);
        _lyricEncoder = new BidirectionalEncoder(factory, config, config.TextHiddenDim, config.NumLyricEncoderLayers);
        _timbreEncoder = new BidirectionalEncoder(factory, config, config.TimbreHiddenDim, config.NumTimbreEncoderLayers);
        // The published timbre encoder carries a CLS-style token that its forward pass no longer prepends; it is
        // registered only so the checkpoint loads strictly.
        _timbreEncoder.register_parameter("special_token", factory.Create(1, 1, config.HiddenSize));
        register_module("text_projector", _textProjector);
        register_module("lyric_encoder", _lyricEncoder);
        register_module("timbre_encoder", _timbreEncoder);
    }

    /// <summary>caption [1, Lt, textDim], lyric embeddings [1, Ll, textDim], reference latents [1, Tr, 64]
    /// → [1, Ll + 1 + Lt, hidden]. With no padding, upstream's mask-sorting pack is this plain concatenation.</summary>
    public Tensor Encode(Tensor captionHidden, Tensor lyricEmbeddings, Tensor referenceLatents)
    {
        using var scope = NewDisposeScope();
        var text = _textProjector.forward(captionHidden);
        var lyrics = _lyricEncoder.Encode(lyricEmbeddings);
        var timbre = _timbreEncoder.Encode(referenceLatents).narrow(1, 0, 1);
        return torch.cat([lyrics, timbre, text], 1).MoveToOuterDisposeScope();
    }
}
