using System.IO.Compression;
using System.Text;
using System.Text.Json;
using AudioMusic.Engines.AceStep.Checkpoints;
using AudioMusic.Engines.AceStep.Models;
using AudioMusic.Engines.AceStep.Nn;
using AudioMusic.Engines.AceStep.Vae;
using TorchSharp;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Tests;

/// <summary>Writes a complete, tiny ACE-Step weights directory in the published layout (configs, safetensors,
/// silence_latent.pt, byte-level tokenizer files) with random weights, for tests and benchmarks.</summary>
public static class TinyCheckpoint
{
    public const string ModelName = "acestep-v15-turbo";
    public const int AcousticDim = 8;
    public const int TextHidden = 16;
    public const int SilenceFrames = 800;

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

    /// <summary>Writes everything under <paramref name="root"/> and returns it.</summary>
    public static string Write(string root, int seed = 7)
    {
        var generator = new Generator((ulong)seed, torch.CPU);
        var dit = Directory.CreateDirectory(Path.Combine(root, ModelName)).FullName;
        var vae = Directory.CreateDirectory(Path.Combine(root, "vae")).FullName;
        var text = Directory.CreateDirectory(Path.Combine(root, "Qwen3-Embedding-0.6B")).FullName;

        WriteJson(Path.Combine(dit, "config.json"), DiTConfig);
        using (var model = new AceStepModel(ParameterFactory.Cpu, DiTConfig))
        {
            // Tokenizer/detokenizer tensors exist in the published file; the loader must skip them.
            var extra = new Dictionary<string, Tensor> { ["tokenizer.audio_acoustic_proj.weight"] = torch.randn(4, 4, generator: generator) };
            WriteRandom(model, Path.Combine(dit, "model.safetensors"), generator, extra);
        }
        using (var silence = torch.randn([1, AcousticDim, SilenceFrames], generator: generator) * 0.5)
        {
            TorchSaveWriter.Write(Path.Combine(dit, "silence_latent.pt"), silence);
        }

        WriteJson(Path.Combine(vae, "config.json"), VaeConfig);
        using (var model = new OobleckVae(ParameterFactory.Cpu, VaeConfig))
        {
            var extra = new Dictionary<string, Tensor> { ["encoder.conv1.bias"] = torch.zeros(4) };
            WriteRandom(model, Path.Combine(vae, "diffusion_pytorch_model.safetensors"), generator, extra);
        }

        WriteJson(Path.Combine(text, "config.json"), TextConfig);
        using (var model = new Qwen3TextModel(ParameterFactory.Cpu, TextConfig))
        {
            WriteRandom(model, Path.Combine(text, "model.safetensors"), generator, []);
        }
        WriteByteLevelTokenizer(text);
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
    private static void WriteByteLevelTokenizer(string directory)
    {
        var symbols = ByteSymbols();
        var vocabulary = symbols.Select((symbol, id) => (symbol, id)).ToDictionary(p => p.symbol, p => p.id);
        File.WriteAllText(Path.Combine(directory, "vocab.json"), JsonSerializer.Serialize(vocabulary));
        File.WriteAllText(Path.Combine(directory, "merges.txt"), "#version: 0.2\n");
        var config = new { added_tokens_decoder = new Dictionary<string, object> { ["256"] = new { content = "<|endoftext|>", special = true } } };
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

/// <summary>Writes a tensor the way Python's torch.save does (zip with a protocol-2 data.pkl and a raw storage).</summary>
public static class TorchSaveWriter
{
    public static void Write(string path, Tensor tensor)
    {
        using var contiguous = tensor.to_type(ScalarType.Float32).contiguous();
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        using (var writer = new BinaryWriter(zip.CreateEntry("archive/data.pkl").Open()))
        {
            writer.Write(new byte[] { 0x80, 0x02 });
            writer.Write(Encoding.ASCII.GetBytes("ctorch._utils\n_rebuild_tensor_v2\nq\x00(("));
            Unicode(writer, "storage");
            writer.Write(Encoding.ASCII.GetBytes("ctorch\nFloatStorage\n"));
            Unicode(writer, "0");
            Unicode(writer, "cpu");
            writer.Write((byte)'J');
            writer.Write((int)contiguous.NumberOfElements);
            writer.Write(Encoding.ASCII.GetBytes("tQK\x00("));
            foreach (var size in contiguous.shape)
            {
                writer.Write((byte)'J');
                writer.Write((int)size);
            }
            writer.Write((byte)'t');
            writer.Write((byte)'(');
            foreach (var stride in contiguous.stride())
            {
                writer.Write((byte)'J');
                writer.Write((int)stride);
            }
            writer.Write((byte)'t');
            writer.Write((byte)0x89); // NEWFALSE: requires_grad
            writer.Write(Encoding.ASCII.GetBytes("ccollections\nOrderedDict\n)RtR."));
        }
        using (var data = zip.CreateEntry("archive/data/0").Open())
        {
            data.Write(contiguous.bytes);
        }
    }

    private static void Unicode(BinaryWriter writer, string text)
    {
        writer.Write((byte)'X');
        var bytes = Encoding.UTF8.GetBytes(text);
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }
}
