namespace AudioMusic.Engines.AceStep.Pipeline;

/// <summary>Where each component lives inside the weights directory, mirroring upstream's "checkpoints" folder:
/// &lt;model&gt;/ (DiT: config.json, model.safetensors, silence_latent.pt), vae/ and Qwen3-Embedding-0.6B/.</summary>
public sealed record WeightsLayout(string Root, string ModelName)
{
    public const string VaeFolder = "vae";
    public const string TextEncoderFolder = "Qwen3-Embedding-0.6B";

    public string DiTDirectory => Path.Combine(Root, ModelName);

    public string VaeDirectory => Path.Combine(Root, VaeFolder);

    public string TextEncoderDirectory => Path.Combine(Root, TextEncoderFolder);

    public string SilenceLatentPath => Path.Combine(DiTDirectory, "silence_latent.pt");

    /// <summary>The safetensors of a component: a single model file, or every shard of a sharded checkpoint.</summary>
    public static IReadOnlyList<string> WeightFiles(string directory, string singleFileName)
    {
        var single = Path.Combine(directory, singleFileName);
        if (File.Exists(single))
        {
            return [single];
        }
        var shards = Directory.Exists(directory)
            ? Directory.GetFiles(directory, Path.GetFileNameWithoutExtension(singleFileName) + "-*-of-*.safetensors").Order(StringComparer.Ordinal).ToArray()
            : [];
        return shards;
    }

    /// <summary>Every file the engine needs, each with a description for the "unavailable" reason.</summary>
    public IEnumerable<(string Path, string What)> RequiredFiles()
    {
        yield return (Path.Combine(DiTDirectory, "config.json"), $"{ModelName}/config.json");
        yield return (SilenceLatentPath, $"{ModelName}/silence_latent.pt");
        yield return (Path.Combine(VaeDirectory, "config.json"), $"{VaeFolder}/config.json");
        yield return (Path.Combine(TextEncoderDirectory, "config.json"), $"{TextEncoderFolder}/config.json");
        foreach (var file in Text.Qwen3Tokenizer.RequiredFiles)
        {
            yield return (Path.Combine(TextEncoderDirectory, file), $"{TextEncoderFolder}/{file}");
        }
    }

    /// <summary>Null when complete; otherwise a sentence naming what is missing.</summary>
    public string? FindProblem()
    {
        if (!Directory.Exists(Root))
        {
            return $"ACE-Step weights directory '{Root}' does not exist.";
        }
        var missing = RequiredFiles().Where(f => !File.Exists(f.Path)).Select(f => f.What).ToList();
        if (WeightFiles(DiTDirectory, "model.safetensors").Count == 0)
        {
            missing.Add($"{ModelName}/model.safetensors");
        }
        if (WeightFiles(VaeDirectory, "diffusion_pytorch_model.safetensors").Count == 0)
        {
            missing.Add($"{VaeFolder}/diffusion_pytorch_model.safetensors");
        }
        if (WeightFiles(TextEncoderDirectory, "model.safetensors").Count == 0)
        {
            missing.Add($"{TextEncoderFolder}/model.safetensors");
        }
        return missing.Count == 0 ? null : $"ACE-Step weights in '{Root}' are incomplete; missing: {string.Join(", ", missing)}.";
    }

    /// <summary>The DiT variants present (folders named acestep-v15-* holding a config.json).</summary>
    public static IReadOnlyList<string> DiscoverModels(string root) =>
        Directory.Exists(root)
            ? Directory.GetDirectories(root, "acestep-v15-*")
                .Where(d => File.Exists(Path.Combine(d, "config.json")))
                .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray()
            : [];
}
