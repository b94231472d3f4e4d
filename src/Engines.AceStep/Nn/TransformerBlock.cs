using TorchSharp;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Nn;

/// <summary>A pre-norm transformer layer (Qwen3 decoder layer, and ACE-Step's encoder layer which has the same
/// parameters): x + attn(norm(x)), then x + mlp(norm(x)).</summary>
public sealed class TransformerBlock : nn.Module
{
    private readonly RmsNorm _inputNorm;
    private readonly GqaAttention _attention;
    private readonly RmsNorm _postAttentionNorm;
    private readonly SwiGluMlp _mlp;

    public TransformerBlock(ParameterFactory factory, AttentionShape shape, long intermediate) : base(nameof(TransformerBlock))
    {
        _inputNorm = new RmsNorm(factory, shape.Hidden, shape.RmsEpsilon);
        _attention = new GqaAttention(factory, shape);
        _postAttentionNorm = new RmsNorm(factory, shape.Hidden, shape.RmsEpsilon);
        _mlp = new SwiGluMlp(factory, shape.Hidden, intermediate);
        register_module("input_layernorm", _inputNorm);
        register_module("self_attn", _attention);
        register_module("post_attention_layernorm", _postAttentionNorm);
        register_module("mlp", _mlp);
    }

    public Tensor Forward(Tensor x, RotaryTable rotary, Tensor? mask)
    {
        using var scope = NewDisposeScope();
        var attended = x + _attention.SelfAttend(_inputNorm.forward(x), rotary, mask);
        return (attended + _mlp.forward(_postAttentionNorm.forward(attended))).MoveToOuterDisposeScope();
    }
}
