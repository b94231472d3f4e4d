using AudioMusic.Engines.AceStep.Checkpoints;
using AudioMusic.Engines.AceStep.Models;
using AudioMusic.Engines.AceStep.Nn;
using AudioMusic.Engines.AceStep.Text;
using AudioMusic.Engines.AceStep.Vae;
using TorchSharp;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Pipeline;

public enum AceStepComponent
{
    TextEncoder,
    DiT,
    Vae,
}

/// <summary>The three networks of one device, each loaded on first use and evictable on its own. Sizes are known
/// before loading (from the safetensors headers) so the scheduler can plan memory without touching weights.</summary>
public sealed class AceStepComponents : IDisposable
{
    private readonly Lock _gate = new();
    private readonly WeightsLayout _layout;
    private (Qwen3TextModel Model, Qwen3Tokenizer Tokenizer)? _text;
    private (AceStepModel Model, Tensor SilenceLatent)? _dit;
    private OobleckVae? _vae;

    public AceStepComponents(WeightsLayout layout, Device device, ScalarType dtype)
    {
        _layout = layout;
        Device = device;
        DType = dtype;
    }

    public Device Device { get; }

    public ScalarType DType { get; }

    public (Qwen3TextModel Model, Qwen3Tokenizer Tokenizer) TextEncoder
    {
        get
        {
            lock (_gate)
            {
                return _text ??= LoadTextEncoder();
            }
        }
    }

    public (AceStepModel Model, Tensor SilenceLatent) DiT
    {
        get
        {
            lock (_gate)
            {
                return _dit ??= LoadDiT();
            }
        }
    }

    public OobleckVae Vae
    {
        get
        {
            lock (_gate)
            {
                return _vae ??= LoadVae();
            }
        }
    }

    public bool IsLoaded(AceStepComponent component)
    {
        lock (_gate)
        {
            return component switch
            {
                AceStepComponent.TextEncoder => _text is not null,
                AceStepComponent.DiT => _dit is not null,
                _ => _vae is not null,
            };
        }
    }

    /// <summary>Bytes the component occupies once loaded in this device's dtype (stored tensors it actually uses).</summary>
    public long ResidentBytes(AceStepComponent component)
    {
        var (files, unused) = component switch
        {
            AceStepComponent.TextEncoder => (WeightsLayout.WeightFiles(_layout.TextEncoderDirectory, "model.safetensors"), (IReadOnlyList<string>)[]),
            AceStepComponent.DiT => (WeightsLayout.WeightFiles(_layout.DiTDirectory, "model.safetensors"), AceStepModel.UnusedPrefixes),
            _ => (WeightsLayout.WeightFiles(_layout.VaeDirectory, "diffusion_pytorch_model.safetensors"), OobleckVae.UnusedPrefixes),
        };
        long elements = 0;
        foreach (var path in files)
        {
            using var file = SafeTensorsFile.Open(path);
            elements += file.Entries.Values
                .Where(e => !unused.Any(p => e.Name.StartsWith(p, StringComparison.Ordinal)))
                .Sum(e => e.Shape.Aggregate(1L, (a, b) => a * b));
        }
        return elements * ElementSize(DType);
    }

    public void Evict(AceStepComponent component)
    {
        lock (_gate)
        {
            switch (component)
            {
                case AceStepComponent.TextEncoder:
                    _text?.Model.Dispose();
                    _text = null;
                    break;
                case AceStepComponent.DiT:
                    _dit?.Model.Dispose();
                    _dit?.SilenceLatent.Dispose();
                    _dit = null;
                    break;
                default:
                    _vae?.Dispose();
                    _vae = null;
                    break;
            }
        }
    }

    public void Dispose()
    {
        foreach (var component in Enum.GetValues<AceStepComponent>())
        {
            Evict(component);
        }
    }

    public static long ElementSize(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unsupported compute dtype"),
    };

    private ParameterFactory Factory => new(Device, DType);

    private (Qwen3TextModel, Qwen3Tokenizer) LoadTextEncoder()
    {
        var directory = _layout.TextEncoderDirectory;
        var model = new Qwen3TextModel(Factory, Qwen3Config.Load(Path.Combine(directory, "config.json")));
        LoadOrDispose(model, WeightsLayout.WeightFiles(directory, "model.safetensors"), []);
        return (model, Qwen3Tokenizer.Load(directory));
    }

    private (AceStepModel, Tensor) LoadDiT()
    {
        var directory = _layout.DiTDirectory;
        var model = new AceStepModel(Factory, AceStepConfig.Load(Path.Combine(directory, "config.json")));
        LoadOrDispose(model, WeightsLayout.WeightFiles(directory, "model.safetensors"), AceStepModel.UnusedPrefixes);
        // Stored as [1, 64, frames]; the pipeline works in [1, frames, 64] as upstream does after its transpose.
        using var stored = TorchTensorFile.Read(_layout.SilenceLatentPath);
        var silence = stored.transpose(1, 2).to(DType, Device).contiguous().DetachFromDisposeScope();
        return (model, silence);
    }

    private OobleckVae LoadVae()
    {
        var directory = _layout.VaeDirectory;
        var vae = new OobleckVae(Factory, OobleckConfig.Load(Path.Combine(directory, "config.json")));
        LoadOrDispose(vae, WeightsLayout.WeightFiles(directory, "diffusion_pytorch_model.safetensors"), OobleckVae.UnusedPrefixes);
        return vae;
    }

    private static void LoadOrDispose(nn.Module module, IReadOnlyList<string> files, IReadOnlyList<string> unusedPrefixes)
    {
        try
        {
            module.eval();
            StrictLoader.Load(module, files, unusedPrefixes);
            // Weights outlive whatever dispose scope the first request opened around the lazy load.
            foreach (var parameter in module.parameters())
            {
                parameter.DetachFromDisposeScope();
            }
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }
}
