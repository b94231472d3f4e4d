using AudioMusic.Engines.AceStep.Models;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Pipeline;

/// <summary>Peak working memory of one request beyond the weights, from the sizes of the largest live tensors.
/// A deliberate over-estimate: the scheduler must never admit a job that then runs out of memory.</summary>
public static class ActivationEstimate
{
    public static long Bytes(AceStepConfig config, OobleckConfig vae, double seconds, int batch, ScalarType dtype)
    {
        var element = AceStepComponents.ElementSize(dtype);
        long frames = AceStepPipeline.LatentFrames(seconds);
        var patches = (frames + config.PatchSize - 1) / config.PatchSize;
        // Residual stream, norms, q/k/v/outputs and the SwiGLU intermediates (three of them) of one layer.
        var perLayer = patches * (12L * config.HiddenSize + 3L * config.IntermediateSize);
        // Attention scores when the backend materialises them (no fused kernel): heads × L × L.
        var scores = (long)config.NumAttentionHeads * patches * patches;
        var dit = batch * (perLayer + scores) * element;
        // The VAE decodes one song at a time; its widest stage holds a few copies of width × samples.
        var samples = frames * vae.HopLength;
        var decode = 4L * vae.DecoderChannels * samples * element;
        return dit + decode;
    }
}
