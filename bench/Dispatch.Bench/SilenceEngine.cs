using AudioMusic.Audio;
using AudioMusic.Domain;
using AudioMusic.Engines;

namespace AudioMusic.Dispatch.Bench;

/// <summary>Returns 0.1 s of silence per seed at once, so that what the bench measures is the queue, the grains and
/// the storage of results, not synthesis.</summary>
public sealed class SilenceEngine : IMusicEngine
{
    public const string EngineName = "silence";

    private const int Frames = AudioBuffer.StandardSampleRate / 10;

    public string Name => EngineName;

    public EngineCapabilities Capabilities { get; } = new(Enum.GetValues<MusicTask>().ToHashSet(), 600, 8, "bench: 0.1 s of silence");

    public EngineAvailability Availability => EngineAvailability.Available;

    public long EstimateMemoryBytes(GenerationRequest request, DeviceDescriptor device) => 1024 * 1024;

    public FieldError? CheckRequest(GenerationRequest request) => null;

    public Task<EngineResult> GenerateAsync(EngineJob job, IProgress<EngineProgress> progress, CancellationToken cancellationToken)
    {
        var variations = job.Seeds
            .Select(seed => new EngineVariation(seed, new AudioBuffer(AudioBuffer.StandardSampleRate, [new float[Frames], new float[Frames]]), []))
            .ToList();
        var resolved = new ResolvedParameters
        {
            Task = job.Request.Task,
            Caption = job.Request.Caption,
            Bpm = job.Request.Bpm ?? 120,
            Key = job.Request.Key ?? KeyScale.Of(0, Mode.Major),
            TimeSignature = job.Request.TimeSignature ?? TimeSignature.FourFour,
            DurationSeconds = 0.1,
            VocalLanguage = job.Request.VocalLanguage,
            Seeds = job.Seeds,
            Format = job.Request.Format,
            Model = Name,
        };
        return Task.FromResult(new EngineResult(resolved, variations));
    }
}
