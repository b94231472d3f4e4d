using AudioMusic.Engines.AceStep.Checkpoints;
using AudioMusic.Engines.AceStep.Models;

namespace AudioMusic.Engines.AceStep.Tests;

/// <summary>The tiny configuration the tests generate with: a few layers, widths of 8–32, the real VAE strides
/// (so one latent frame still becomes 1920 samples at 48 kHz).</summary>
public static class TinyCheckpoint
{
    public const string ModelName = "acestep-v15-turbo";
    public const string BaseModelName = "acestep-v15-base";
    public const int AcousticDim = 8;
    public const int TextHidden = 16;

    public static AceStepConfig DiTConfig { get; } = new()
    {
        HiddenSize = 32,
        IntermediateSize = 64,
        NumHiddenLayers = 2,
        NumAttentionHeads = 4,
        NumKeyValueHeads = 2,
        HeadDim = 8,
        SlidingWindow = 4,
        LayerTypes = ["sliding_attention", "full_attention"],
        InChannels = 3 * AcousticDim,
        AcousticDim = AcousticDim,
        TextHiddenDim = TextHidden,
        TimbreHiddenDim = AcousticDim,
        NumLyricEncoderLayers = 2,
        NumTimbreEncoderLayers = 1,
        IsTurbo = true,
    };

    public static Qwen3Config TextConfig { get; } = new()
    {
        VocabSize = 257,
        HiddenSize = TextHidden,
        IntermediateSize = 32,
        NumHiddenLayers = 2,
        NumAttentionHeads = 2,
        NumKeyValueHeads = 1,
        HeadDim = 8,
    };

    public static OobleckConfig VaeConfig { get; } = new() { DecoderChannels = 4, DecoderInputChannels = AcousticDim, EncoderHiddenSize = 4 };

    public static string Write(string root, int seed = 7) =>
        RandomCheckpoint.Write(root, ModelName, DiTConfig, TextConfig, VaeConfig, seed);

    /// <summary>The same networks published as a non-turbo (base) checkpoint, which samples with guidance.</summary>
    public static string WriteBase(string root, int seed = 7) =>
        RandomCheckpoint.Write(root, BaseModelName, DiTConfig with { IsTurbo = false }, TextConfig, VaeConfig, seed);
}
