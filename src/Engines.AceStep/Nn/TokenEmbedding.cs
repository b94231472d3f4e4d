using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Nn;

/// <summary>A token embedding table, weight [vocabulary, hidden].</summary>
public sealed class TokenEmbedding : nn.Module
{
    private readonly Parameter _weight;

    public TokenEmbedding(ParameterFactory factory, long vocabulary, long hidden) : base(nameof(TokenEmbedding))
    {
        _weight = factory.Create(vocabulary, hidden);
        register_parameter("weight", _weight);
    }

    /// <summary>Token ids [batch, length] → embeddings [batch, length, hidden].</summary>
    public Tensor Lookup(Tensor tokenIds)
    {
        using var scope = NewDisposeScope();
        var rows = _weight.index_select(0, tokenIds.flatten());
        return rows.view(tokenIds.shape[0], tokenIds.shape[1], _weight.shape[1]).MoveToOuterDisposeScope();
    }
}
