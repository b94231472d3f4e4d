using System.Text.Json;
using AudioMusic.Engines.AceStep.Models;
using AudioMusic.Engines.AceStep.Nn;
using AudioMusic.Engines.AceStep.Vae;
using TorchSharp;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Checkpoints;

/// <summary>Writes a complete weights directory in the published layout (configs, safetensors, silence_latent.pt,
/// byte-level tokenizer files) with random weights of any configuration, so tests and benchmarks exercise exactly
/// the loading path real checkpoints take. The tokenizer has the 256 byte symbols and &lt;|endoftext|&gt; as the
/// last id, so the text configuration's vocabulary must hold at least 257 entries.</summary>
public static class RandomCheckpoint
{
    public const int SilenceFrames = 800;

    /// <summary>Writes everything under <paramref name="root"/> and returns it.</summary>
    public static string Write(string root, string modelName, AceStepConfig ditConfig, Qwen3Config textConfig, OobleckConfig vaeConfig, int seed)
    {
        var generator = new Generator((ulong)seed, torch.CPU);
        var dit = Directory.CreateDirectory(Path.Combine(root, modelName)).FullName;
        var vae = Directory.CreateDirectory(Path.Combine(root, "vae")).FullName;
        var text = Directory.CreateDirectory(Path.Combine(root, "Qwen3-Embedding-0.6B")).FullName;

        WriteJson(Path.Combine(dit, "config.json"), ditConfig);
        using (var model = new AceStepModel(ParameterFactory.Cpu, ditConfig))
        {
            // Tokenizer/detokenizer tensors exist in the published file; the loader must skip them.
            var extra = new Dictionary<string, Tensor> { ["tokenizer.audio_acoustic_proj.weight"] = torch.randn(4, 4, generator: generator) };
            WriteRandom(model, Path.Combine(dit, "model.safetensors"), generator, extra);
        }
        using (var silence = torch.randn([1, ditConfig.AcousticDim, SilenceFrames], generator: generator) * 0.5)
        {
            TorchTensorFile.Write(Path.Combine(dit, "silence_latent.pt"), silence);
        }

        WriteJson(Path.Combine(vae, "config.json"), vaeConfig);
        using (var model = new OobleckVae(ParameterFactory.Cpu, vaeConfig))
        {
            var extra = new Dictionary<string, Tensor> { ["encoder.conv1.bias"] = torch.zeros(4) };
            WriteRandom(model, Path.Combine(vae, "diffusion_pytorch_model.safetensors"), generator, extra);
        }

        WriteJson(Path.Combine(text, "config.json"), textConfig);
        using (var model = new Qwen3TextModel(ParameterFactory.Cpu, textConfig))
        {
            WriteRandom(model, Path.Combine(text, "model.safetensors"), generator, []);
        }
        WriteByteLevelTokenizer(text, textConfig.VocabSize - 1);
        return root;
    }

    /// <summary>Random values shaped like every parameter: norms at one, Snake parameters at zero (unit frequency),
    /// everything else small Gaussian so activations stay finite through the tiny networks.</summary>
    public static void WriteRandom(nn.Module module, string path, Generator generator, Dictionary<string, Tensor> extra)
    {
        var tensors = new List<KeyValuePair<string, Tensor>>();
        foreach (var (name, parameter) in module.named_parameters())
        {
            Tensor value = name.EndsWith("norm.weight", StringComparison.Ordinal) || name.EndsWith("layernorm.weight", StringComparison.Ordinal)
                ? torch.ones(parameter.shape)
                : name.EndsWith(".alpha", StringComparison.Ordinal) || name.EndsWith(".beta", StringComparison.Ordinal)
                    ? torch.zeros(parameter.shape)
                    : torch.randn(parameter.shape, generator: generator) * 0.2;
            tensors.Add(new(name, value));
        }
        tensors.AddRange(extra);
        SafeTensorsWriter.Write(path, tensors, ScalarType.BFloat16);
        foreach (var tensor in tensors)
        {
            tensor.Value.Dispose();
        }
    }

    private static void WriteJson<T>(string path, T value) => File.WriteAllText(path, JsonSerializer.Serialize(value));

    /// <summary>A byte-level BPE vocabulary of the 256 byte symbols (no merges) plus &lt;|endoftext|&gt;, in the
    /// files the published Qwen3 tokenizer ships.</summary>
    private static void WriteByteLevelTokenizer(string directory, int endOfTextId)
    {
        var symbols = ByteSymbols();
        var vocabulary = symbols.Select((symbol, id) => (symbol, id)).ToDictionary(p => p.symbol, p => p.id);
        File.WriteAllText(Path.Combine(directory, "vocab.json"), JsonSerializer.Serialize(vocabulary));
        File.WriteAllText(Path.Combine(directory, "merges.txt"), "#version: 0.2\n");
        var config = new { added_tokens_decoder = new Dictionary<string, object> { [endOfTextId.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new { content = "<|endoftext|>", special = true } } };
        File.WriteAllText(Path.Combine(directory, "tokenizer_config.json"), JsonSerializer.Serialize(config));
    }

    /// <summary>GPT-2's reversible byte → printable character table, which Qwen's vocabulary is written in.</summary>
    public static IReadOnlyList<string> ByteSymbols()
    {
        var printable = Enumerable.Range('!', '~' - '!' + 1).Concat(Enumerable.Range('¡', '¬' - '¡' + 1)).Concat(Enumerable.Range('®', 'ÿ' - '®' + 1)).ToHashSet();
        var symbols = new string[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            symbols[b] = ((char)(printable.Contains(b) ? b : next++)).ToString();
        }
        return symbols;
    }
}
