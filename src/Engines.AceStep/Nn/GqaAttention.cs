using TorchSharp;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Nn;

/// <summary>Shape of one attention block: query heads share key/value heads in groups (GQA).</summary>
public sealed record AttentionShape(long Hidden, long QueryHeads, long KeyValueHeads, long HeadDim, bool Bias, double RmsEpsilon)
{
    public long Groups => QueryHeads / KeyValueHeads;
}

/// <summary>Grouped-query attention with per-head RMSNorm on queries and keys (Qwen3 style). Self-attention
/// applies rotary embeddings; cross-attention attends to a condition sequence without positions, as upstream.</summary>
public sealed class GqaAttention : nn.Module
{
    private readonly AttentionShape _shape;
    private readonly Linear _query;
    private readonly Linear _key;
    private readonly Linear _value;
    private readonly Linear _output;
    private readonly RmsNorm _queryNorm;
    private readonly RmsNorm _keyNorm;

    public GqaAttention(ParameterFactory factory, AttentionShape shape) : base(nameof(GqaAttention))
    {
        if (shape.QueryHeads % shape.KeyValueHeads != 0)
        {
            throw new ArgumentException($"{shape.QueryHeads} query heads cannot be grouped over {shape.KeyValueHeads} key/value heads.", nameof(shape));
        }
        _shape = shape;
        _query = new Linear(factory, shape.Hidden, shape.QueryHeads * shape.HeadDim, shape.Bias);
        _key = new Linear(factory, shape.Hidden, shape.KeyValueHeads * shape.HeadDim, shape.Bias);
        _value = new Linear(factory, shape.Hidden, shape.KeyValueHeads * shape.HeadDim, shape.Bias);
        _output = new Linear(factory, shape.QueryHeads * shape.HeadDim, shape.Hidden, shape.Bias);
        _queryNorm = new RmsNorm(factory, shape.HeadDim, shape.RmsEpsilon);
        _keyNorm = new RmsNorm(factory, shape.HeadDim, shape.RmsEpsilon);
        register_module("q_proj", _query);
        register_module("k_proj", _key);
        register_module("v_proj", _value);
        register_module("o_proj", _output);
        register_module("q_norm", _queryNorm);
        register_module("k_norm", _keyNorm);
    }

    /// <summary>x [batch, length, hidden]; mask [length, length] boolean or null for full attention.</summary>
    public Tensor SelfAttend(Tensor x, RotaryTable rotary, Tensor? mask)
    {
        using var scope = NewDisposeScope();
        var query = rotary.Apply(Project(_query, _queryNorm, x, _shape.QueryHeads));
        var key = rotary.Apply(Project(_key, _keyNorm, x, _shape.KeyValueHeads));
        var value = Project(_value, null, x, _shape.KeyValueHeads);
        return Attend(x, query, key, value, mask).MoveToOuterDisposeScope();
    }

    /// <summary>Keys and values of a condition sequence [batch, contextLength, hidden]. They do not depend on the
    /// diffusion state, so they are computed once per request and reused at every step (upstream caches them too).</summary>
    public AttentionContext ProjectContext(Tensor context)
    {
        using var scope = NewDisposeScope();
        var key = Project(_key, _keyNorm, context, _shape.KeyValueHeads);
        var value = Project(_value, null, context, _shape.KeyValueHeads);
        return new AttentionContext(key.MoveToOuterDisposeScope(), value.MoveToOuterDisposeScope());
    }

    /// <summary>x [batch, length, hidden] attends to projected conditions without a mask or positions.</summary>
    public Tensor CrossAttend(Tensor x, AttentionContext context)
    {
        using var scope = NewDisposeScope();
        var query = Project(_query, _queryNorm, x, _shape.QueryHeads);
        return Attend(x, query, context.Key, context.Value, null).MoveToOuterDisposeScope();
    }

    private Tensor Project(Linear projection, RmsNorm? norm, Tensor x, long heads)
    {
        var projected = projection.forward(x).view(x.shape[0], x.shape[1], heads, _shape.HeadDim);
        return (norm is null ? projected : norm.forward(projected)).transpose(1, 2);
    }

    private Tensor Attend(Tensor x, Tensor query, Tensor key, Tensor value, Tensor? mask)
    {
        if (_shape.Groups > 1)
        {
            key = key.repeat_interleave(_shape.Groups, 1);
            value = value.repeat_interleave(_shape.Groups, 1);
        }
        var attended = nn.functional.scaled_dot_product_attention(query, key, value, mask);
        var merged = attended.transpose(1, 2).reshape(x.shape[0], x.shape[1], _shape.QueryHeads * _shape.HeadDim);
        return _output.forward(merged);
    }
}

/// <summary>Projected keys and values [batch, keyValueHeads, contextLength, headDim] of a condition sequence.</summary>
public sealed record AttentionContext(Tensor Key, Tensor Value);
