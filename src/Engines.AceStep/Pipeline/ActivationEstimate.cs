using AudioMusic.Engines.AceStep.Models;
using AudioMusic.Engines.AceStep.Vae;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Pipeline;

/// <summary>Peak working memory of one request beyond the weights, from the sizes of the largest live tensors.
/// A deliberate over-estimate: the scheduler must never admit a job that then runs out of memory.</summary>
public static class ActivationEstimate
{
    /// <param name="waveformsOnDevice">True when the device's memory is the host's (CPU), where the finished
    /// float32 waveforms of the batch live too; a GPU only ever holds one decoding window.</param>
    public static long Bytes(AceStepConfig config, OobleckConfig vae, double seconds, int batch, ScalarType dtype,
        VaeTiling tiling, bool waveformsOnDevice)
    {
        long frames = AceStepPipeline.LatentFrames(seconds);
        var waveforms = waveformsOnDevice ? batch * WaveformBytes(vae, frames) : 0;
        return DiffusionBytes(config, frames, batch, dtype) + DecodeBytes(vae, frames, tiling, dtype) + waveforms;
    }

    /// <summary>The DiT's residual stream, norms, q/k/v/outputs and the SwiGLU intermediates (three of them) of
    /// one layer, plus attention scores when the backend materialises them (heads × L × L), for the whole batch.</summary>
    public static long DiffusionBytes(AceStepConfig config, long frames, int batch, ScalarType dtype)
    {
        var patches = (frames + config.PatchSize - 1) / config.PatchSize;
        var perLayer = patches * (12L * config.HiddenSize + 3L * config.IntermediateSize);
        var scores = (long)config.NumAttentionHeads * patches * patches;
        return batch * (perLayer + scores) * AceStepComponents.ElementSize(dtype);
    }

    /// <summary>The VAE decodes one song at a time and one window at a time; its widest stage holds a few copies of
    /// width × samples of the window, so this is bounded by the chunk whatever the song's length.</summary>
    public static long DecodeBytes(OobleckConfig vae, long frames, VaeTiling tiling, ScalarType dtype)
    {
        var samples = Math.Min(frames, tiling.ChunkFrames) * vae.HopLength;
        return 4L * vae.DecoderChannels * samples * AceStepComponents.ElementSize(dtype);
    }

    /// <summary>One finished waveform: the float32 tensor the windows are copied into and the per-channel arrays
    /// handed to the caller.</summary>
    private static long WaveformBytes(OobleckConfig vae, long frames) => 2L * vae.AudioChannels * frames * vae.HopLength * sizeof(float);
}
