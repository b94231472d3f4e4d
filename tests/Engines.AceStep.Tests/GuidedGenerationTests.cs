using AudioMusic.Domain;

namespace AudioMusic.Engines.AceStep.Tests;

public sealed class BaseWeightsFixture : IDisposable
{
    public BaseWeightsFixture()
    {
        Root = Directory.CreateTempSubdirectory("acestep-base-").FullName;
        TinyCheckpoint.WriteBase(Root);
    }

    public string Root { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>A non-turbo checkpoint end to end: it samples with guidance, APG unless the operator chose another.</summary>
public sealed class GuidedGenerationTests(BaseWeightsFixture fixture) : IClassFixture<BaseWeightsFixture>
{
    private const int Steps = 2;

    private async Task<EngineResult> Generate(AceStepEngineOptions options)
    {
        using var engine = new AceStepEngine(options);
        var request = TinyWeightsFixture.Request(seconds: 1) with { InferenceSteps = Steps };
        Assert.Null(engine.CheckRequest(request));
        var stepsSeen = 0;
        var progress = new SynchronousProgress(p => stepsSeen += p.Stage.StartsWith("diffusion step", StringComparison.Ordinal) ? 1 : 0);
        var result = await engine.GenerateAsync(new EngineJob("job", request, [5], TinyWeightsFixture.Cpu), progress, CancellationToken.None);
        Assert.Equal(Steps, stepsSeen);
        return result;
    }

    [Fact]
    public async Task BaseCheckpointGuidesWithApgByDefaultAndEveryMethodDiffers()
    {
        var options = new AceStepEngineOptions { WeightsDirectory = fixture.Root, ModelName = TinyCheckpoint.BaseModelName };
        Assert.Equal(AceStepGuidance.Apg, options.Guidance);
        var apg = await Generate(options);
        var adg = await Generate(options with { Guidance = AceStepGuidance.Adg });
        var cfg = await Generate(options with { Guidance = AceStepGuidance.Cfg });

        foreach (var result in new[] { apg, adg, cfg })
        {
            var audio = result.Variations.Single().Audio;
            Assert.Equal(48_000, audio.Frames);
            Assert.All(audio.Channels, c => Assert.All(c, s => Assert.True(float.IsFinite(s) && Math.Abs(s) <= 1f)));
        }
        Assert.Equal(TinyCheckpoint.BaseModelName, apg.Resolved.Model);
        Assert.Equal(7.0, apg.Resolved.GuidanceScale);
        Assert.Equal(Steps, apg.Resolved.InferenceSteps);
        Assert.NotEqual(apg.Variations[0].Audio.Channels[0], cfg.Variations[0].Audio.Channels[0]);
        Assert.NotEqual(apg.Variations[0].Audio.Channels[0], adg.Variations[0].Audio.Channels[0]);
        Assert.NotEqual(adg.Variations[0].Audio.Channels[0], cfg.Variations[0].Audio.Channels[0]);
    }

    private sealed class SynchronousProgress(Action<EngineProgress> report) : IProgress<EngineProgress>
    {
        public void Report(EngineProgress value) => report(value);
    }
}
