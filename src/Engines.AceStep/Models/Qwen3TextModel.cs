using AudioMusic.Engines.AceStep.Nn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Models;

/// <summary>The Qwen3 transformer body (parameter names of transformers' Qwen3Model: embed_tokens, layers.N, norm).
/// ACE-Step uses it as the caption encoder (last hidden state) and its token embeddings for lyrics.</summary>
public sealed class Qwen3TextModel : nn.Module
{
    private readonly Qwen3Config _config;
    private readonly TokenEmbedding _embedTokens;
    private readonly ModuleList<TransformerBlock> _layers = new();
    private readonly RmsNorm _norm;

    public Qwen3TextModel(ParameterFactory factory, Qwen3Config config) : base(nameof(Qwen3TextModel))
    {
        _config = config;
        var shape = new AttentionShape(config.HiddenSize, config.NumAttentionHeads, config.NumKeyValueHeads, config.HeadDim, config.AttentionBias, config.RmsNormEps);
        _embedTokens = new TokenEmbedding(factory, config.VocabSize, config.HiddenSize);
        for (var i = 0; i < config.NumHiddenLayers; i++)
        {
            _layers.Add(new TransformerBlock(factory, shape, config.IntermediateSize));
        }
        _norm = new RmsNorm(factory, config.HiddenSize, config.RmsNormEps);
        register_module("embed_tokens", _embedTokens);
        register_module("layers", _layers);
        register_module("norm", _norm);
    }

    /// <summary>Token ids [batch, length] → embeddings [batch, length, hidden].</summary>
    public Tensor Embed(Tensor tokenIds) => _embedTokens.Lookup(tokenIds);

    /// <summary>Causal encoding of token ids [batch, length] → last hidden state (after the final norm).</summary>
    public Tensor Encode(Tensor tokenIds)
    {
        using var scope = NewDisposeScope();
        var length = tokenIds.shape[1];
        var hidden = Embed(tokenIds);
        using var rotary = RotaryTable.Create(length, _config.HeadDim, _config.RopeTheta, hidden.dtype, hidden.device);
        var mask = AttentionMasks.Causal(length, hidden.device);
        foreach (var layer in _layers)
        {
            hidden = layer.Forward(hidden, rotary, mask);
        }
        return _norm.forward(hidden).MoveToOuterDisposeScope();
    }
}
