using AudioMusic.Audio;
using AudioMusic.Domain;
using AudioMusic.Engines.BuiltIn.Composition;
using AudioMusic.Engines.BuiltIn.Mixing;
using AudioMusic.Engines.BuiltIn.Rendering;
using AudioMusic.Engines.BuiltIn.Vocals;

namespace AudioMusic.Engines.BuiltIn;

/// <summary>A composed variation before synthesis: its timing and form, the accompaniment (null for vocals-only
/// jobs), the sung notes and the lyric lines with their times.</summary>
public sealed record SongScore(SongTiming Timing, FormPlan Form, Arrangement? Arrangement, IReadOnlyList<SungNote> Vocals, IReadOnlyList<LyricLine> Lines);

/// <summary>The built-in engine: composes (form, harmony, groove, bass, parts, melody), synthesises (additive,
/// FM, Karplus–Strong, subtractive, synthesised drums, the singing voice), mixes and masters a song on one CPU
/// core, with no model weights. The same request and seed always give the same PCM.</summary>
public sealed class BuiltInEngine : IMusicEngine
{
    public const string EngineName = "builtin";
    private const int SampleRate = AudioBuffer.StandardSampleRate;
    private const float VocalSend = 0.18f;

    /// <summary>Bytes the runtime, tables and composition need regardless of length (measured, rounded up).</summary>
    private const long BaseMemoryBytes = 48L << 20;

    private static readonly EngineCapabilities EngineCapabilities = new(
        new HashSet<MusicTask> { MusicTask.Text2Music, MusicTask.Prompt2Instrumental, MusicTask.Text2Rap, MusicTask.Lyric2Vocals, MusicTask.Text2Samples },
        RequestLimits.MaxDurationSeconds,
        RequestLimits.MaxBatchSize,
        "Built-in CPU composer and synthesiser: genre-aware arrangement, eight-plus synthesised instruments, a formant singing voice, mastered to -14 LUFS. No model weights.",
        Stems: true);

    private readonly PhonemizerRegistry _phonemizers;

    public BuiltInEngine()
        : this(PhonemizerRegistry.CreateDefault())
    {
    }

    public BuiltInEngine(PhonemizerRegistry phonemizers)
    {
        _phonemizers = phonemizers;
    }

    public string Name => EngineName;

    public EngineCapabilities Capabilities => EngineCapabilities;

    public EngineAvailability Availability => EngineAvailability.Available;

    public long EstimateMemoryBytes(GenerationRequest request, DeviceDescriptor device)
    {
        var seconds = request.DurationSeconds ?? request.Task switch
        {
            MusicTask.Text2Samples => request.SampleType == SampleType.OneShot ? RequestLimits.DefaultOneShotSeconds : RequestLimits.DefaultLoopSeconds,
            _ => RequestLimits.MaxDurationSeconds / 2,
        };
        var frames = (long)Math.Ceiling(seconds * SampleRate);
        // Kept results: stereo float per variation. Working set of one variation: the stereo bus and reverb send,
        // the vocal track, the master's copies; loops are mastered as two copies back to back.
        var working = request.Task == MusicTask.Text2Samples ? 40 : 20;
        // Stems: four more buses while rendering (twice as long for loops), and four stereo stems kept per variation.
        var stems = request.Stems ? (request.Task == MusicTask.Text2Samples ? 96 : 48) + (32L * request.BatchSize) : 0;
        return BaseMemoryBytes + frames * (8L * request.BatchSize + working + stems);
    }

    public FieldError? CheckRequest(GenerationRequest request) =>
        Capabilities.Tasks.Contains(request.Task) ? null : new FieldError("task", $"the built-in engine does not run {request.Task.ToWire()}");

    /// <summary>With <see cref="GenerationRequest.Stems"/>, each variation also carries its stems (vocals, drums, bass,
    /// other; see <see cref="StemMixer"/> for how they relate to the master).</summary>
    public Task<EngineResult> GenerateAsync(EngineJob job, IProgress<EngineProgress> progress, CancellationToken cancellationToken) =>
        Run(() => Render(job, progress, cancellationToken), cancellationToken);

    /// <summary>The parameters a job would be rendered with, without rendering it.</summary>
    public ResolvedParameters Resolve(EngineJob job) => JobPlanner.Plan(job, _phonemizers, SampleRate).Resolved;

    // The work runs synchronously on the caller's thread (the inference grain has already moved it off the
    // scheduler); the result or failure is handed back as a completed task.
    private static Task<T> Run<T>(Func<T> work, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult(work());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    private EngineResult Render(EngineJob job, IProgress<EngineProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Seeds.Count == 0)
        {
            throw new ArgumentException("A job needs at least one seed.", nameof(job));
        }
        cancellationToken.ThrowIfCancellationRequested();
        var tracker = new ProgressTracker(progress, job.Seeds.Count);
        tracker.Report("composing", 0);
        var plan = JobPlanner.Plan(job, _phonemizers, SampleRate);
        var variations = new List<EngineVariation>(job.Seeds.Count);
        for (var v = 0; v < job.Seeds.Count; v++)
        {
            tracker.Variation = v;
            variations.Add(RenderVariation(plan, job.Seeds[v], job.Request.Stems, tracker, cancellationToken));
        }
        return new EngineResult(plan.Resolved, variations);
    }

    private EngineVariation RenderVariation(JobPlan plan, int seed, bool withStems, ProgressTracker tracker, CancellationToken cancellationToken)
    {
        tracker.Report("composing", 0);
        var settings = plan.Settings;
        var random = new SeededRandom(seed);
        var frames = checked((int)plan.Form.TotalFrames);
        var (arrangement, vocalPart) = ComposeVariation(plan, random);
        tracker.Report("composing", 1);

        var bus = new MixBus(frames);
        var stems = withStems ? new StemBuses(frames) : null;
        if (arrangement is not null)
        {
            new AccompanimentRenderer(SampleRate).Render(arrangement, bus, stems, settings.Key.Tonic, random.Fork(8), plan.Loop,
                cancellationToken, f => tracker.Report("rendering", f));
        }

        float[]? voice = null;
        if (vocalPart is { Notes.Count: > 0 })
        {
            tracker.Report("vocals", 0);
            voice = new SingingSynthesizer(SampleRate).Render(vocalPart.Notes, VocalWriter.VoiceFor(settings, plan.Rap), frames, seed, cancellationToken);
            var gain = VocalGain(voice, bus, arrangement is null);
            Samples.Scale(voice, gain);
            bus.Add(voice, 0, 1f, 0f, plan.VocalsOnly ? 0f : VocalSend);
            stems?[StemBuses.Vocals].Add(voice, 0, 1f, 0f, plan.VocalsOnly ? 0f : VocalSend);
            tracker.Report("vocals", 1);
        }

        var fade = plan.OneShot ? plan.Form.DurationSeconds * 0.2 : plan.Loop ? 0 : 0.25;
        var wet = plan.VocalsOnly ? 0f : 0.9f;
        var (channels, masterGain) = new MixMaster(SampleRate).Finish(bus, wet, plan.Loop, fade, cancellationToken, tracker.Report);
        var finished = stems is null ? null : new StemMixer(SampleRate).Finish(stems, wet, plan.Loop, fade, masterGain, cancellationToken);
        return new EngineVariation(seed, new AudioBuffer(SampleRate, channels), vocalPart?.Lines ?? [], finished);
    }

    /// <summary>What the job's first seed would play, composed but not synthesised: the form, the accompaniment and
    /// the sung notes with their lyric times (for pictures of a song and for inspecting the composer).</summary>
    public SongScore Score(EngineJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Seeds.Count == 0)
        {
            throw new ArgumentException("A job needs at least one seed.", nameof(job));
        }
        var plan = JobPlanner.Plan(job, _phonemizers, SampleRate);
        var (arrangement, vocalPart) = ComposeVariation(plan, new SeededRandom(job.Seeds[0]));
        return new SongScore(plan.Timing, plan.Form, arrangement, vocalPart?.Notes ?? [], vocalPart?.Lines ?? []);
    }

    // Rendering and Score compose through this one method, so a score is exactly what the render of that seed plays.
    private (Arrangement? Arrangement, VocalWriter.VocalPart? Vocals) ComposeVariation(JobPlan plan, SeededRandom random)
    {
        var groove = new Groove(plan.Timing, plan.Settings.Style.Swing);
        var (arrangement, chords) = Compose(plan, groove, random);
        var vocalPart = plan.Vocals && plan.Phonemizer is not null
            ? new VocalWriter(plan.Phonemizer, groove, plan.Settings, plan.Rap).Write(plan.Form, chords, random.Fork(7))
            : null;
        return (arrangement, vocalPart);
    }

    private static (Arrangement? Arrangement, IReadOnlyList<Chord> Chords) Compose(JobPlan plan, Groove groove, SeededRandom random)
    {
        var settings = plan.Settings;
        if (plan.OneShot)
        {
            var shot = OneShotDesigner.Design(settings, plan.Request.Caption, plan.Form.DurationSeconds);
            return (shot, shot.Chords);
        }
        var chords = plan.Loop
            ? HarmonyWriter.WriteLoop(plan.Form.TotalBars, settings.Key, settings.Style, random.Fork(1))
            : HarmonyWriter.Write(plan.Form, settings.Key, settings.Style, random.Fork(1));
        if (plan.VocalsOnly)
        {
            return (null, chords);
        }
        var arrangement = new Arranger(settings, groove, random.Fork(2), plan.Vocals).Arrange(plan.Form, chords, plan.Loop);
        return (arrangement, chords);
    }

    /// <summary>Sets the voice about 3.5 dB above the accompaniment (both measured where they sound), so the
    /// balance does not depend on the synthesiser's absolute level.</summary>
    private static float VocalGain(float[] voice, MixBus bus, bool alone)
    {
        var voiceRms = Samples.ActiveRms(voice, null);
        if (voiceRms <= 0)
        {
            return 1f;
        }
        if (alone)
        {
            return 0.25f / voiceRms;
        }
        var accompanimentRms = Samples.ActiveRms(bus.Left, bus.Right);
        return accompanimentRms <= 0 ? 0.25f / voiceRms : accompanimentRms * 1.5f / voiceRms;
    }

}
