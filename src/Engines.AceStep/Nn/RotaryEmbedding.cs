using TorchSharp;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Nn;

/// <summary>Rotary position embedding tables in the Qwen3 ("rotate half") convention: frequency i of a head of
/// size d is θ^(−2i/d), and the cos/sin tables repeat the d/2 frequencies twice across the head.</summary>
public sealed class RotaryTable : IDisposable
{
    private RotaryTable(Tensor cos, Tensor sin)
    {
        Cos = cos;
        Sin = sin;
    }

    /// <summary>[1, 1, length, headDim], ready to broadcast over [batch, heads, length, headDim].</summary>
    public Tensor Cos { get; }

    public Tensor Sin { get; }

    public static RotaryTable Create(long length, long headDim, double theta, ScalarType dtype, Device device)
    {
        using var scope = NewDisposeScope();
        var exponents = torch.arange(0, headDim, 2, ScalarType.Float64, device) / headDim;
        var inverseFrequencies = torch.pow(theta, exponents).reciprocal().to_type(ScalarType.Float32);
        var positions = torch.arange(length, ScalarType.Float32, device);
        var angles = torch.outer(positions, inverseFrequencies);
        var doubled = torch.cat([angles, angles], -1);
        var cos = doubled.cos().to_type(dtype).unsqueeze(0).unsqueeze(0);
        var sin = doubled.sin().to_type(dtype).unsqueeze(0).unsqueeze(0);
        return new RotaryTable(cos.MoveToOuterDisposeScope(), sin.MoveToOuterDisposeScope());
    }

    /// <summary>Rotates <paramref name="x"/> [batch, heads, length, headDim] by each position's angles.</summary>
    public Tensor Apply(Tensor x)
    {
        using var scope = NewDisposeScope();
        var half = x.shape[^1] / 2;
        var first = x.narrow(-1, 0, half);
        var second = x.narrow(-1, half, half);
        var rotated = torch.cat([-second, first], -1);
        return (x * Cos + rotated * Sin).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        Cos.Dispose();
        Sin.Dispose();
    }
}
