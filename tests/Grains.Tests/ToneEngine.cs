using AudioMusic.Audio;
using AudioMusic.Domain;
using AudioMusic.Engines;

namespace AudioMusic.Grains.Tests;

/// <summary>A small real engine for dispatch tests: renders a sine at A4 for the requested duration, slowly when asked
/// (to test cancellation and progress), and fails on demand (caption "fail").</summary>
public sealed class ToneEngine : IMusicEngine
{
    public const string EngineName = "tone";

    /// <summary>Wall-clock time spent per second of audio, so tests can catch a job while it runs.</summary>
    public static TimeSpan WorkPerAudioSecond { get; set; } = TimeSpan.FromMilliseconds(20);

    public string Name => EngineName;

    public EngineCapabilities Capabilities { get; } = new(Enum.GetValues<MusicTask>().ToHashSet(), 600, 8, "test tone");

    public EngineAvailability Availability => EngineAvailability.Available;

    /// <summary>1 MiB per second of audio and variation: a 600 s job needs 600 MiB.</summary>
    public long EstimateMemoryBytes(GenerationRequest request, DeviceDescriptor device) =>
        (long)((request.DurationSeconds ?? 10) * request.BatchSize * 1024 * 1024);

    public FieldError? CheckRequest(GenerationRequest request) => null;

    public async Task<EngineResult> GenerateAsync(EngineJob job, IProgress<EngineProgress> progress, CancellationToken cancellationToken)
    {
        if (job.Request.Caption == "fail")
        {
            throw new InvalidDataException("asked to fail");
        }
        var seconds = job.Request.DurationSeconds ?? 10;
        var variations = new List<EngineVariation>();
        foreach (var seed in job.Seeds)
        {
            for (var s = 0; s < (int)Math.Ceiling(seconds); s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Delay(WorkPerAudioSecond, cancellationToken);
                progress.Report(new EngineProgress((s + 1) / Math.Ceiling(seconds) * (variations.Count + 1) / job.Seeds.Count, "rendering"));
            }
            var frames = (int)(seconds * AudioBuffer.StandardSampleRate);
            var left = new float[frames];
            for (var i = 0; i < frames; i++)
            {
                left[i] = 0.25f * MathF.Sin(2 * MathF.PI * 440 * i / AudioBuffer.StandardSampleRate + seed % 7);
            }
            variations.Add(new EngineVariation(seed, new AudioBuffer(AudioBuffer.StandardSampleRate, [left, (float[])left.Clone()]), [new LyricLine(0.5, "la")]));
        }
        var resolved = new ResolvedParameters
        {
            Task = job.Request.Task,
            Caption = job.Request.Caption,
            Bpm = job.Request.Bpm ?? 120,
            Key = job.Request.Key ?? KeyScale.Of(9, Mode.Major),
            TimeSignature = job.Request.TimeSignature ?? TimeSignature.FourFour,
            DurationSeconds = seconds,
            VocalLanguage = job.Request.VocalLanguage,
            Seeds = job.Seeds,
            Format = job.Request.Format,
            Model = Name,
        };
        return new EngineResult(resolved, variations);
    }
}
