using AudioMusic.Domain;
using AudioMusic.Engines;

namespace AudioMusic.Engines.BuiltIn.Tests;

internal static class EngineTestData
{
    public const string Lyrics = "[verse]\nThe city lights are calling out my name\nI walk alone but nothing feels the same\n[chorus]\nWe are the fire in the night\nHold on, we will be alright";

    public static readonly DeviceDescriptor Cpu = new("cpu-0", DeviceKind.Cpu, 0, 8L << 30, "test CPU");

    public static EngineJob Job(GenerationRequest request, params int[] seeds) => new("job", request, seeds, Cpu);

    public static GenerationRequest Instrumental(double seconds, string caption = "upbeat pop with piano") => new()
    {
        Task = MusicTask.Prompt2Instrumental,
        Caption = caption,
        Instrumental = true,
        DurationSeconds = seconds,
    };
}

internal sealed class RecordingProgress : IProgress<EngineProgress>
{
    public List<EngineProgress> Reports { get; } = [];

    public void Report(EngineProgress value) => Reports.Add(value);
}
