using TorchSharp;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Nn;

/// <summary>Boolean attention masks ([length, length], true = may attend) for the three patterns the model uses.</summary>
public static class AttentionMasks
{
    /// <summary>Bidirectional local attention: query i sees key j when |i − j| ≤ window.</summary>
    public static Tensor SlidingWindow(long length, long window, Device device)
    {
        using var scope = NewDisposeScope();
        var positions = torch.arange(length, ScalarType.Int64, device);
        var distance = (positions.unsqueeze(1) - positions.unsqueeze(0)).abs();
        return distance.le(window).MoveToOuterDisposeScope();
    }

    /// <summary>Causal attention: query i sees keys 0..i (the Qwen3 text encoder).</summary>
    public static Tensor Causal(long length, Device device) =>
        torch.ones(length, length, ScalarType.Bool, device).tril();
}
