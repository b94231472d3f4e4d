using System.Collections.Concurrent;
using AudioMusic.Audio;
using AudioMusic.Domain;
using AudioMusic.Engines.AceStep.Models;
using AudioMusic.Engines.AceStep.Pipeline;
using AudioMusic.Engines.AceStep.Text;
using AudioMusic.Engines.AceStep.Vae;
using TorchSharp;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep;

/// <summary>ACE-Step 1.5 behind the common engine contract. Weights load lazily per device on the first job and stay
/// resident until <see cref="Evict"/>; the engine reports itself unavailable, with the reason, when the weights
/// directory is absent or incomplete or TorchSharp's native library cannot load.</summary>
public sealed class AceStepEngine : IMusicEngine, IDisposable
{
    public const int TurboMaxSteps = 8;
    private const int DefaultBaseSteps = 60;
    private const double DefaultShift = 3.0;
    private const double DefaultBaseGuidance = 7.0;
    private static readonly Lazy<string?> NativeProblem = new(ProbeNativeLibrary);

    private readonly AceStepEngineOptions _options;
    private readonly WeightsLayout _layout;
    private readonly ConcurrentDictionary<string, AceStepComponents> _components = new(StringComparer.Ordinal);

    public AceStepEngine(AceStepEngineOptions options)
    {
        _options = options;
        _layout = new WeightsLayout(options.WeightsDirectory, options.ModelName);
        Capabilities = new EngineCapabilities(
            new HashSet<MusicTask> { MusicTask.Text2Music, MusicTask.Prompt2Instrumental, MusicTask.Text2Rap },
            options.MaxDurationSeconds,
            options.MaxBatchSize,
            $"ACE-Step 1.5 ({options.ModelName}): neural text-to-music, 48 kHz stereo, with sung lyrics.");
    }

    /// <summary>One engine per DiT variant present in the weights directory (e.g. acestep-v15-turbo, acestep-v15-base).</summary>
    public static IReadOnlyList<AceStepEngine> ForEveryModel(AceStepEngineOptions options) =>
        WeightsLayout.DiscoverModels(options.WeightsDirectory).Select(m => new AceStepEngine(options with { ModelName = m })).ToArray();

    public string Name => _options.ModelName;

    public EngineCapabilities Capabilities { get; }

    public EngineAvailability Availability
    {
        get
        {
            var problem = _layout.FindProblem() ?? NativeProblem.Value;
            return problem is null ? EngineAvailability.Available : EngineAvailability.Unavailable(problem);
        }
    }

    public long EstimateMemoryBytes(GenerationRequest request, DeviceDescriptor device)
    {
        if (_layout.FindProblem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
        var components = ComponentsFor(device);
        var resident = Enum.GetValues<AceStepComponent>().Sum(components.ResidentBytes);
        var config = AceStepConfig.Load(Path.Combine(_layout.DiTDirectory, "config.json"));
        var vae = OobleckConfig.Load(Path.Combine(_layout.VaeDirectory, "config.json"));
        var activations = ActivationEstimate.Bytes(config, vae, DurationOf(request), Math.Max(1, request.BatchSize), components.DType,
            VaeTiling.For(device), waveformsOnDevice: device.Kind == DeviceKind.Cpu);
        return resident + activations;
    }

    public FieldError? CheckRequest(GenerationRequest request)
    {
        if (!Capabilities.Tasks.Contains(request.Task))
        {
            return new FieldError("model", $"{Name} generates text2music, text2rap and prompt2instrumental only.");
        }
        if (request.DurationSeconds is { } seconds && seconds > _options.MaxDurationSeconds)
        {
            return new FieldError("duration", $"{Name} generates at most {_options.MaxDurationSeconds} seconds.");
        }
        if (request.BatchSize > _options.MaxBatchSize)
        {
            return new FieldError("batch_size", $"{Name} generates at most {_options.MaxBatchSize} variations per job.");
        }
        if (IsTurbo() && request.InferenceSteps is > TurboMaxSteps)
        {
            return new FieldError("inference_steps", $"{Name} is distilled for at most {TurboMaxSteps} steps.");
        }
        return null;
    }

    public Task<EngineResult> GenerateAsync(EngineJob job, IProgress<EngineProgress> progress, CancellationToken cancellationToken) =>
        Task.Run(() => Generate(job, progress, cancellationToken), cancellationToken);

    /// <summary>Frees the weights held for <paramref name="device"/> (all components, or one).</summary>
    public void Evict(DeviceDescriptor device, AceStepComponent? component = null)
    {
        if (!_components.TryGetValue(device.Id, out var components))
        {
            return;
        }
        if (component is { } one)
        {
            components.Evict(one);
        }
        else if (_components.TryRemove(device.Id, out var removed))
        {
            removed.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var components in _components.Values)
        {
            components.Dispose();
        }
        _components.Clear();
    }

    private EngineResult Generate(EngineJob job, IProgress<EngineProgress> progress, CancellationToken cancellationToken)
    {
        var request = job.Request;
        var turbo = IsTurbo();
        var seed = job.Seeds[0];
        var bpm = request.Bpm ?? 70 + seed % 71;
        var key = request.Key ?? KeyScale.All[seed % KeyScale.All.Count];
        var meter = request.TimeSignature ?? TimeSignature.FourFour;
        var duration = DurationOf(request);
        var steps = request.InferenceSteps ?? (turbo ? TurboMaxSteps : DefaultBaseSteps);
        var shift = request.Shift ?? DefaultShift;
        var guidance = turbo ? 1.0 : request.GuidanceScale ?? DefaultBaseGuidance;
        var generation = new AceStepGeneration(
            request.Caption,
            request.EffectiveLyrics,
            request.VocalLanguage,
            new SongMetadata(bpm, meter.Beats.ToString(System.Globalization.CultureInfo.InvariantCulture), key.ToString(), duration),
            job.Seeds,
            steps,
            shift,
            guidance,
            _options.Guidance);
        var waveforms = new AceStepPipeline(ComponentsFor(job.Device), VaeTiling.For(job.Device)).Generate(generation, progress, cancellationToken);
        var resolved = new ResolvedParameters
        {
            Task = request.Task,
            Caption = request.Caption,
            Lyrics = request.EffectiveLyrics,
            Instrumental = request.Instrumental,
            GenrePreset = request.GenrePreset,
            Bpm = bpm,
            Key = key,
            TimeSignature = meter,
            DurationSeconds = duration,
            VocalLanguage = request.VocalLanguage,
            Seeds = job.Seeds,
            Format = request.Format,
            Model = Name,
            SampleType = request.SampleType,
            InferenceSteps = steps,
            GuidanceScale = turbo ? null : guidance,
            Shift = shift,
        };
        // ACE-Step does not report when each lyric line is sung, so variations carry no timed lines.
        var variations = job.Seeds.Select((s, i) => new EngineVariation(s, new AudioBuffer(AudioBuffer.StandardSampleRate, waveforms[i]), [])).ToArray();
        return new EngineResult(resolved, variations);
    }

    private double DurationOf(GenerationRequest request) => request.DurationSeconds ?? _options.DefaultDurationSeconds;

    private bool IsTurbo()
    {
        var configPath = Path.Combine(_layout.DiTDirectory, "config.json");
        return _options.ModelName.Contains("turbo", StringComparison.Ordinal)
            || (File.Exists(configPath) && AceStepConfig.Load(configPath).IsTurbo);
    }

    private AceStepComponents ComponentsFor(DeviceDescriptor device) =>
        _components.GetOrAdd(device.Id, _ => device.Kind == DeviceKind.Cuda
            ? new AceStepComponents(_layout, torch.device(DeviceType.CUDA, device.Index), ScalarType.BFloat16)
            : new AceStepComponents(_layout, torch.CPU, ScalarType.Float32));

    /// <summary>Why libtorch cannot be used in this process, or null when it can (probed once).</summary>
    public static string? NativeLibraryProblem => NativeProblem.Value;

    private static string? ProbeNativeLibrary()
    {
        try
        {
            using var probe = torch.zeros(1);
            return null;
        }
        catch (Exception ex) when (ex is TypeInitializationException or NotSupportedException or DllNotFoundException)
        {
            // The usual cause: a build without libtorch (the API host carries one only when built on a GPU machine or asked).
            return $"TorchSharp's native library (libtorch) could not be loaded (this build's TorchBackend: {AcceleratorBuild.TorchBackend ?? "none"}); " +
                $"build the host with -p:TorchBackend=cpu or -p:TorchBackend=cuda (docs/engine-acestep.md): {ex.GetBaseException().Message}";
        }
    }
}
