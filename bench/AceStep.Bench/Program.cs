using System.Diagnostics;
using System.Globalization;
using AudioMusic.Domain;
using AudioMusic.Engines;
using AudioMusic.Engines.AceStep;
using AudioMusic.Engines.AceStep.Checkpoints;
using AudioMusic.Engines.AceStep.Models;
using AudioMusic.Engines.AceStep.Nn;
using AudioMusic.Engines.AceStep.Vae;
using TorchSharp;
using static TorchSharp.torch;

// Usage: AceStep.Bench tiny | full-layer | full-vae | full [--device cuda] [--seconds N] [--steps N]
var mode = args.FirstOrDefault() ?? "tiny";
var seconds = double.Parse(Option("--seconds") ?? "10", CultureInfo.InvariantCulture);
var steps = int.Parse(Option("--steps") ?? "8", CultureInfo.InvariantCulture);
var cuda = Option("--device") == "cuda";
var device = cuda ? torch.CUDA : torch.CPU;
var dtype = cuda ? ScalarType.BFloat16 : ScalarType.Float32;
Console.WriteLine($"mode={mode} device={(cuda ? "cuda" : "cpu")} dtype={dtype} seconds={seconds} steps={steps} threads={torch.get_num_threads()}");

switch (mode)
{
    case "tiny": Tiny(); break;
    case "full-layer": FullLayer(); break;
    case "full-vae": FullVae(); break;
    case "full": Full(); break;
    default: Console.Error.WriteLine($"unknown mode '{mode}'"); return 2;
}
return 0;

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

// The whole engine on a tiny random checkpoint written in the published layout: load, encode, 8 steps, decode.
void Tiny()
{
    var root = Directory.CreateTempSubdirectory("acestep-bench-").FullName;
    try
    {
        RandomCheckpoint.Write(root, "acestep-v15-turbo", TinyConfigs.DiT, TinyConfigs.Text, TinyConfigs.Vae, seed: 1);
        using var engine = new AceStepEngine(new AceStepEngineOptions { WeightsDirectory = root });
        var cpu = new DeviceDescriptor("cpu", DeviceKind.Cpu, 0, 0, "bench");
        var request = new GenerationRequest { Task = MusicTask.Text2Music, Caption = "bench", Lyrics = "la la la", DurationSeconds = seconds };
        engine.GenerateAsync(new EngineJob("warmup", request with { DurationSeconds = 2 }, [1], cpu), new Progress<EngineProgress>(), CancellationToken.None).GetAwaiter().GetResult();
        var stepTimes = new List<double>();
        var clock = Stopwatch.StartNew();
        var last = 0.0;
        var progress = new InlineProgress(p =>
        {
            if (p.Stage.StartsWith("diffusion step", StringComparison.Ordinal))
            {
                stepTimes.Add(clock.Elapsed.TotalMilliseconds - last);
            }
            last = clock.Elapsed.TotalMilliseconds;
        });
        engine.GenerateAsync(new EngineJob("bench", request, [7], cpu), progress, CancellationToken.None).GetAwaiter().GetResult();
        var total = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"tiny: {seconds} s song in {total:F2} s, step median {Median(stepTimes):F1} ms, RTF {total / seconds:F3}");
    }
    finally
    {
        Directory.Delete(root, recursive: true);
    }
}

// One full-width DiT layer (2048 hidden, 16/8 heads, 6144 MLP) for a song of the given length; a step is 24 of them.
void FullLayer()
{
    var config = new AceStepConfig();
    var factory = new ParameterFactory(device, dtype);
    using var noGrad = torch.no_grad();
    using var layer = new DiTLayer(factory, config);
    Randomise(layer);
    var patches = (long)Math.Ceiling(seconds * 25 / config.PatchSize);
    using var x = torch.randn([1, patches, config.HiddenSize], dtype, device);
    using var conditionSequence = torch.randn([1, 600, config.HiddenSize], dtype, device);
    var conditions = layer.PrepareConditions(conditionSequence);
    using var modulation = torch.randn([1, 6, config.HiddenSize], dtype, device) * 0.01;
    using var rotary = RotaryTable.Create(patches, config.HeadDim, config.RopeTheta, dtype, device);
    foreach (var sliding in new[] { true, false })
    {
        using var mask = sliding ? AttentionMasks.SlidingWindow(patches, config.SlidingWindow, device) : null;
        layer.Forward(x, rotary, mask, modulation, conditions).Dispose();
        var times = Enumerable.Range(0, 3).Select(_ => Time(() => layer.Forward(x, rotary, mask, modulation, conditions).Dispose())).ToList();
        Console.WriteLine($"full DiT layer ({(sliding ? "sliding" : "full")} attention), {patches} patches: median {Median(times):F1} ms");
    }
    Console.WriteLine("step ≈ 24 layers (12 of each kind); see docs/engine-acestep.md for the extrapolation");
}

// The full-size Oobleck decoder (random weights, ~0.4 GB in fp32) decoding a song of the given length.
void FullVae()
{
    using var noGrad = torch.no_grad();
    using var vae = new OobleckDecoder(new ParameterFactory(device, dtype), new OobleckConfig());
    Randomise(vae);
    using var latents = torch.randn([1, 64, (long)(seconds * 25)], dtype, device) * 0.1;
    vae.forward(latents.narrow(2, 0, 25)).Dispose();
    var ms = Time(() => vae.forward(latents).Dispose());
    Console.WriteLine($"full VAE decode of {seconds} s: {ms / 1000:F2} s, RTF {ms / 1000 / seconds:F3}");
}

// Every component at full size with random weights on the chosen device: text encoder, condition encoder,
// <steps> DiT steps and the VAE, i.e. the real per-request work (weights only change the numbers, not the cost).
void Full()
{
    using var noGrad = torch.no_grad();
    var factory = new ParameterFactory(device, dtype);
    using var text = new Qwen3TextModel(factory, new Qwen3Config());
    using var model = new AceStepModel(factory, new AceStepConfig());
    using var vae = new OobleckDecoder(factory, new OobleckConfig());
    foreach (var module in new nn.Module[] { text, model, vae })
    {
        Randomise(module);
    }
    var frames = (long)(seconds * 25);
    var stepTimes = new List<double>();
    var total = Time(() =>
    {
        using var scope = NewDisposeScope();
        var captionIds = torch.randint(0, 150_000, [1, 120], ScalarType.Int64, device);
        var lyricIds = torch.randint(0, 150_000, [1, 400], ScalarType.Int64, device);
        var conditions = model.Encoder.Encode(text.Encode(captionIds), text.Embed(lyricIds), torch.randn([1, 750, 64], dtype, device));
        var embedded = model.Decoder.PrepareConditions(conditions);
        var context = torch.randn([1, frames, 128], dtype, device);
        var x = torch.randn([1, frames, 64], dtype, device);
        var times = AudioMusic.Engines.AceStep.Sampling.FlowMatchSchedule.Timesteps(steps, 3);
        for (var i = 0; i < steps; i++)
        {
            var t = torch.full([1], times[i], dtype, device);
            stepTimes.Add(Time(() => x = AudioMusic.Engines.AceStep.Sampling.FlowMatchSchedule.EulerStep(x, model.Decoder.Forward(x, t, context, embedded), times[i], times[i + 1])));
        }
        // Decoded window by window as the engine does on this device kind (a 24 GiB-class GPU, or the CPU).
        var tiling = VaeTiling.For(new DeviceDescriptor("bench", cuda ? DeviceKind.Cuda : DeviceKind.Cpu, 0, 24L << 30, "bench"));
        TiledVaeDecoder.Decode(vae, x.transpose(1, 2), tiling, CancellationToken.None);
    });
    Console.WriteLine($"full: {seconds} s song, {steps} steps: total {total / 1000:F2} s, step median {Median(stepTimes):F1} ms, RTF {total / 1000 / seconds:F4}");
}

void Randomise(nn.Module module)
{
    using var noGrad = torch.no_grad();
    foreach (var (name, parameter) in module.named_parameters())
    {
        if (name.EndsWith("norm.weight", StringComparison.Ordinal) || name.EndsWith("layernorm.weight", StringComparison.Ordinal))
        {
            parameter.fill_(1);
        }
        else if (name.EndsWith(".alpha", StringComparison.Ordinal) || name.EndsWith(".beta", StringComparison.Ordinal))
        {
            parameter.fill_(0);
        }
        else
        {
            parameter.normal_(0, 0.02);
        }
    }
}

double Time(Action action)
{
    var clock = Stopwatch.StartNew();
    action();
    if (cuda)
    {
        torch.cuda.synchronize();
    }
    return clock.Elapsed.TotalMilliseconds;
}

static double Median(List<double> values) => values.Count == 0 ? double.NaN : values.Order().ElementAt(values.Count / 2);

internal static class TinyConfigs
{
    public static AceStepConfig DiT { get; } = new()
    {
        HiddenSize = 32, IntermediateSize = 64, NumHiddenLayers = 2, NumAttentionHeads = 4, NumKeyValueHeads = 2, HeadDim = 8,
        SlidingWindow = 4, LayerTypes = ["sliding_attention", "full_attention"], InChannels = 24, AcousticDim = 8,
        TextHiddenDim = 16, TimbreHiddenDim = 8, NumLyricEncoderLayers = 2, NumTimbreEncoderLayers = 1, IsTurbo = true,
    };

    public static Qwen3Config Text { get; } = new() { VocabSize = 257, HiddenSize = 16, IntermediateSize = 32, NumHiddenLayers = 2, NumAttentionHeads = 2, NumKeyValueHeads = 1, HeadDim = 8 };

    public static OobleckConfig Vae { get; } = new() { DecoderChannels = 4, DecoderInputChannels = 8, EncoderHiddenSize = 4 };
}

internal sealed class InlineProgress(Action<EngineProgress> report) : IProgress<EngineProgress>
{
    public void Report(EngineProgress value) => report(value);
}
