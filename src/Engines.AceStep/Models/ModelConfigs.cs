using System.Text.Json;
using System.Text.Json.Serialization;

namespace AudioMusic.Engines.AceStep.Models;

/// <summary>The DiT checkpoint's config.json (keys as published). Only the fields the text-to-music path reads.</summary>
public sealed record AceStepConfig
{
    [JsonPropertyName("hidden_size")] public int HiddenSize { get; init; } = 2048;
    [JsonPropertyName("intermediate_size")] public int IntermediateSize { get; init; } = 6144;
    [JsonPropertyName("num_hidden_layers")] public int NumHiddenLayers { get; init; } = 24;
    [JsonPropertyName("num_attention_heads")] public int NumAttentionHeads { get; init; } = 16;
    [JsonPropertyName("num_key_value_heads")] public int NumKeyValueHeads { get; init; } = 8;
    [JsonPropertyName("head_dim")] public int HeadDim { get; init; } = 128;
    [JsonPropertyName("rms_norm_eps")] public double RmsNormEps { get; init; } = 1e-6;
    [JsonPropertyName("rope_theta")] public double RopeTheta { get; init; } = 1_000_000;
    [JsonPropertyName("attention_bias")] public bool AttentionBias { get; init; }
    [JsonPropertyName("use_sliding_window")] public bool UseSlidingWindow { get; init; } = true;
    [JsonPropertyName("sliding_window")] public int SlidingWindow { get; init; } = 128;
    [JsonPropertyName("layer_types")] public IReadOnlyList<string>? LayerTypes { get; init; }
    [JsonPropertyName("in_channels")] public int InChannels { get; init; } = 192;
    [JsonPropertyName("audio_acoustic_hidden_dim")] public int AcousticDim { get; init; } = 64;
    [JsonPropertyName("patch_size")] public int PatchSize { get; init; } = 2;
    [JsonPropertyName("text_hidden_dim")] public int TextHiddenDim { get; init; } = 1024;
    [JsonPropertyName("timbre_hidden_dim")] public int TimbreHiddenDim { get; init; } = 64;
    [JsonPropertyName("timbre_fix_frame")] public int TimbreFixFrame { get; init; } = 750;
    [JsonPropertyName("num_lyric_encoder_hidden_layers")] public int NumLyricEncoderLayers { get; init; } = 8;
    [JsonPropertyName("num_timbre_encoder_hidden_layers")] public int NumTimbreEncoderLayers { get; init; } = 4;
    /// <summary>Larger (XL) checkpoints pair a wider decoder with a 2 B-class encoder; null means the same width.</summary>
    [JsonPropertyName("encoder_hidden_size")] public int? EncoderHiddenSize { get; init; }
    [JsonPropertyName("encoder_intermediate_size")] public int? EncoderIntermediateSize { get; init; }
    [JsonPropertyName("encoder_num_attention_heads")] public int? EncoderNumAttentionHeads { get; init; }
    [JsonPropertyName("encoder_num_key_value_heads")] public int? EncoderNumKeyValueHeads { get; init; }
    [JsonPropertyName("is_turbo")] public bool IsTurbo { get; init; }

    public int EncoderHidden => EncoderHiddenSize ?? HiddenSize;

    /// <summary>Upstream alternates local and global layers when the list is absent: even layers slide.</summary>
    public bool IsSlidingLayer(int index) =>
        UseSlidingWindow && (LayerTypes is { } types ? types[index] == "sliding_attention" : index % 2 == 0);

    /// <summary>The layer hyper-parameters the condition encoder uses (the decoder's unless the checkpoint splits them).</summary>
    public AceStepConfig ForEncoder() => this with
    {
        HiddenSize = EncoderHidden,
        IntermediateSize = EncoderIntermediateSize ?? IntermediateSize,
        NumAttentionHeads = EncoderNumAttentionHeads ?? NumAttentionHeads,
        NumKeyValueHeads = EncoderNumKeyValueHeads ?? NumKeyValueHeads,
    };

    public static AceStepConfig Load(string path) => ConfigJson.Read<AceStepConfig>(path);
}

/// <summary>A Qwen3 transformer's config.json: the text encoder (Qwen3-Embedding-0.6B), and later the 5 Hz LM.</summary>
public sealed record Qwen3Config
{
    [JsonPropertyName("vocab_size")] public int VocabSize { get; init; } = 151_669;
    [JsonPropertyName("hidden_size")] public int HiddenSize { get; init; } = 1024;
    [JsonPropertyName("intermediate_size")] public int IntermediateSize { get; init; } = 3072;
    [JsonPropertyName("num_hidden_layers")] public int NumHiddenLayers { get; init; } = 28;
    [JsonPropertyName("num_attention_heads")] public int NumAttentionHeads { get; init; } = 16;
    [JsonPropertyName("num_key_value_heads")] public int NumKeyValueHeads { get; init; } = 8;
    [JsonPropertyName("head_dim")] public int HeadDim { get; init; } = 128;
    [JsonPropertyName("rms_norm_eps")] public double RmsNormEps { get; init; } = 1e-6;
    [JsonPropertyName("rope_theta")] public double RopeTheta { get; init; } = 1_000_000;
    [JsonPropertyName("attention_bias")] public bool AttentionBias { get; init; }

    public static Qwen3Config Load(string path) => ConfigJson.Read<Qwen3Config>(path);
}

/// <summary>The Oobleck VAE's config.json (diffusers AutoencoderOobleck keys).</summary>
public sealed record OobleckConfig
{
    [JsonPropertyName("audio_channels")] public int AudioChannels { get; init; } = 2;
    [JsonPropertyName("channel_multiples")] public IReadOnlyList<int> ChannelMultiples { get; init; } = [1, 2, 4, 8, 16];
    [JsonPropertyName("decoder_channels")] public int DecoderChannels { get; init; } = 128;
    [JsonPropertyName("decoder_input_channels")] public int DecoderInputChannels { get; init; } = 64;
    [JsonPropertyName("downsampling_ratios")] public IReadOnlyList<int> DownsamplingRatios { get; init; } = [2, 4, 4, 6, 10];
    [JsonPropertyName("encoder_hidden_size")] public int EncoderHiddenSize { get; init; } = 128;
    [JsonPropertyName("sampling_rate")] public int SamplingRate { get; init; } = 48_000;

    /// <summary>Audio samples per latent frame (1920 for the published VAE: 48 kHz / 25 Hz).</summary>
    public int HopLength => DownsamplingRatios.Aggregate(1, (a, b) => a * b);

    public static OobleckConfig Load(string path) => ConfigJson.Read<OobleckConfig>(path);
}

internal static class ConfigJson
{
    private static readonly JsonSerializerOptions Options = new() { ReadCommentHandling = JsonCommentHandling.Skip };

    public static T Read<T>(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T>(stream, Options) ?? throw new InvalidDataException($"{path} is empty.");
    }
}
