using AudioMusic.Domain;
using AudioMusic.Engines.AceStep.Checkpoints;
using AudioMusic.Engines.AceStep.Pipeline;

namespace AudioMusic.Engines.AceStep.Tests;

public sealed class TinyWeightsFixture : IDisposable
{
    public TinyWeightsFixture()
    {
        Root = Directory.CreateTempSubdirectory("acestep-tiny-").FullName;
        TinyCheckpoint.Write(Root);
        Engine = new AceStepEngine(new AceStepEngineOptions { WeightsDirectory = Root });
    }

    public string Root { get; }

    public AceStepEngine Engine { get; }

    public static DeviceDescriptor Cpu { get; } = new("cpu", DeviceKind.Cpu, 0, 24L << 30, "test CPU");

    public static GenerationRequest Request(double seconds = 2) => new()
    {
        Task = MusicTask.Text2Music,
        Caption = "warm lo-fi piano with soft drums",
        Lyrics = "[verse]\nhello little song",
        DurationSeconds = seconds,
        Bpm = 90,
    };

    public void Dispose()
    {
        Engine.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}

public sealed class EndToEndTests(TinyWeightsFixture fixture) : IClassFixture<TinyWeightsFixture>
{
    private static EngineJob Job(params int[] seeds) => new("job", TinyWeightsFixture.Request(), seeds, TinyWeightsFixture.Cpu);

    [Fact]
    public void TinyCheckpointMakesTheEngineAvailable()
    {
        Assert.True(fixture.Engine.Availability.IsAvailable, fixture.Engine.Availability.Reason);
        Assert.Equal("acestep-v15-turbo", fixture.Engine.Name);
    }

    [Fact]
    public async Task GeneratesTwoSecondsOfFinite48kHzStereoPerSeed()
    {
        var steps = new List<string>();
        var result = await fixture.Engine.GenerateAsync(Job(11, 12), new SynchronousProgress(p => steps.Add(p.Stage)), CancellationToken.None);

        Assert.Equal(2, result.Variations.Count);
        foreach (var variation in result.Variations)
        {
            Assert.Equal(48_000, variation.Audio.SampleRate);
            Assert.Equal(2, variation.Audio.ChannelCount);
            Assert.Equal(96_000, variation.Audio.Frames);
            Assert.All(variation.Audio.Channels, c => Assert.All(c, s => Assert.True(float.IsFinite(s) && Math.Abs(s) <= 1f)));
            Assert.Contains(variation.Audio.Channels[0], s => s != 0f);
        }
        Assert.Equal(8, steps.Count(s => s.StartsWith("diffusion step", StringComparison.Ordinal)));
        Assert.Equal("acestep-v15-turbo", result.Resolved.Model);
        Assert.Equal(8, result.Resolved.InferenceSteps);
        Assert.Equal([11, 12], result.Resolved.Seeds);
    }

    [Fact]
    public async Task SameSeedIsIdenticalAndAnotherSeedDiffers()
    {
        var first = await fixture.Engine.GenerateAsync(Job(5), new SynchronousProgress(_ => { }), CancellationToken.None);
        var again = await fixture.Engine.GenerateAsync(Job(5), new SynchronousProgress(_ => { }), CancellationToken.None);
        var other = await fixture.Engine.GenerateAsync(Job(6), new SynchronousProgress(_ => { }), CancellationToken.None);

        Assert.Equal(first.Variations[0].Audio.Channels[0], again.Variations[0].Audio.Channels[0]);
        Assert.Equal(first.Variations[0].Audio.Channels[1], again.Variations[0].Audio.Channels[1]);
        Assert.NotEqual(first.Variations[0].Audio.Channels[0], other.Variations[0].Audio.Channels[0]);
    }

    [Fact]
    public async Task CancellationStopsWithinOneStep()
    {
        using var cancellation = new CancellationTokenSource();
        var stepsSeen = 0;
        var progress = new SynchronousProgress(p =>
        {
            if (p.Stage.StartsWith("diffusion step", StringComparison.Ordinal) && ++stepsSeen == 2)
            {
                cancellation.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Engine.GenerateAsync(Job(3), progress, cancellation.Token));
        Assert.Equal(2, stepsSeen);
    }

    [Fact]
    public void MemoryEstimateCountsWeightsAndGrowsWithDurationAndBatch()
    {
        var components = new AceStepComponents(new WeightsLayout(fixture.Root, TinyCheckpoint.ModelName), TorchSharp.torch.CPU, TorchSharp.torch.ScalarType.Float32);
        var weights = Enum.GetValues<AceStepComponent>().Sum(components.ResidentBytes);
        var short1 = fixture.Engine.EstimateMemoryBytes(TinyWeightsFixture.Request(10), TinyWeightsFixture.Cpu);
        var long1 = fixture.Engine.EstimateMemoryBytes(TinyWeightsFixture.Request(60), TinyWeightsFixture.Cpu);
        var long4 = fixture.Engine.EstimateMemoryBytes(TinyWeightsFixture.Request(60) with { BatchSize = 4 }, TinyWeightsFixture.Cpu);

        Assert.True(short1 > weights);
        Assert.True(long1 > short1);
        Assert.True(long4 > long1);
    }

    [Fact]
    public void ComponentsLoadLazilyAndCanBeEvicted()
    {
        using var components = new AceStepComponents(new WeightsLayout(fixture.Root, TinyCheckpoint.ModelName), TorchSharp.torch.CPU, TorchSharp.torch.ScalarType.Float32);
        Assert.False(components.IsLoaded(AceStepComponent.Vae));
        _ = components.Vae;
        Assert.True(components.IsLoaded(AceStepComponent.Vae));
        Assert.False(components.IsLoaded(AceStepComponent.DiT));
        components.Evict(AceStepComponent.Vae);
        Assert.False(components.IsLoaded(AceStepComponent.Vae));
    }

    [Fact]
    public void TurboRejectsMoreThanEightSteps()
    {
        var error = fixture.Engine.CheckRequest(TinyWeightsFixture.Request() with { InferenceSteps = 20 });
        Assert.Equal("inference_steps", error?.Field);
        Assert.Null(fixture.Engine.CheckRequest(TinyWeightsFixture.Request()));
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and race the test).</summary>
    private sealed class SynchronousProgress(Action<EngineProgress> report) : IProgress<EngineProgress>
    {
        public void Report(EngineProgress value) => report(value);
    }
}

public sealed class AvailabilityTests
{
    [Fact]
    public void MissingDirectoryIsUnavailableWithTheReason()
    {
        var engine = new AceStepEngine(new AceStepEngineOptions { WeightsDirectory = Path.Combine(Path.GetTempPath(), "no-such-acestep-dir") });
        Assert.False(engine.Availability.IsAvailable);
        Assert.Contains("does not exist", engine.Availability.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void IncompleteDirectoryNamesTheMissingFile()
    {
        var root = Directory.CreateTempSubdirectory("acestep-partial-").FullName;
        try
        {
            TinyCheckpoint.Write(root);
            File.Delete(Path.Combine(root, "vae", "diffusion_pytorch_model.safetensors"));
            var engine = new AceStepEngine(new AceStepEngineOptions { WeightsDirectory = root });
            Assert.False(engine.Availability.IsAvailable);
            Assert.Contains("vae/diffusion_pytorch_model.safetensors", engine.Availability.Reason, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void StrictLoadingNamesMissingAndUnexpectedTensors()
    {
        var root = Directory.CreateTempSubdirectory("acestep-strict-").FullName;
        try
        {
            var path = Path.Combine(root, "model.safetensors");
            using var vae = new Vae.OobleckVae(Nn.ParameterFactory.Cpu, TinyCheckpoint.VaeConfig);
            var tensors = vae.named_parameters().Where(p => p.name != "decoder.conv2.weight_g")
                .Select(p => new KeyValuePair<string, TorchSharp.torch.Tensor>(p.name, TorchSharp.torch.zeros(p.parameter.shape)))
                .Append(new("decoder.surprise", TorchSharp.torch.zeros(3)))
                .ToList();
            SafeTensorsWriter.Write(path, tensors, TorchSharp.torch.ScalarType.Float32);

            var error = Assert.Throws<CheckpointMismatchException>(() => StrictLoader.Load(vae, [path], Vae.OobleckVae.UnusedPrefixes));
            Assert.Equal(["decoder.conv2.weight_g"], error.Missing);
            Assert.Equal(["decoder.surprise"], error.Unexpected);
            Assert.Contains("decoder.conv2.weight_g", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
