using AudioMusic.Engines.AceStep.Nn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Models;

/// <summary>The DiT checkpoint (model.safetensors of acestep-v15-*): diffusion decoder, condition encoder and the
/// learned null condition used for classifier-free guidance.</summary>
public sealed class AceStepModel : nn.Module
{
    /// <summary>Checkpoint prefixes that belong to the audio tokenizer/detokenizer (5 Hz codes for cover and
    /// LM-hinted generation). Text-to-music never runs them, so they are neither built nor read.</summary>
    public static IReadOnlyList<string> UnusedPrefixes { get; } = ["tokenizer.", "detokenizer."];

    private readonly Parameter _nullCondition;

    public AceStepModel(ParameterFactory factory, AceStepConfig config) : base(nameof(AceStepModel))
    {
        Config = config;
        Decoder = new AceStepDiT(factory, config);
        Encoder = new ConditionEncoder(factory, config.ForEncoder());
        _nullCondition = factory.Create(1, 1, config.EncoderHidden);
        register_module("decoder", Decoder);
        register_module("encoder", Encoder);
        register_parameter("null_condition_emb", _nullCondition);
    }

    public AceStepConfig Config { get; }

    public AceStepDiT Decoder { get; }

    public ConditionEncoder Encoder { get; }

    /// <summary>The unconditional sequence for guidance: the learned null vector at every condition position.</summary>
    public Tensor NullConditionLike(Tensor conditions) => _nullCondition.expand_as(conditions);
}
