using AudioMusic.Domain;
using AudioMusic.Engines.BuiltIn.Composition;
using AudioMusic.Engines.BuiltIn.Vocals;

namespace AudioMusic.Engines.BuiltIn.Rendering;

/// <summary>What a job will render, decided once for the whole batch: settings, grid, form, what is sung and
/// how, and the resolved parameters reported to the client. Only the seed differs between variations.</summary>
internal sealed record JobPlan(
    GenerationRequest Request,
    SongSettings Settings,
    SongTiming Timing,
    FormPlan Form,
    IPhonemizer? Phonemizer,
    bool Vocals,
    bool Rap,
    bool VocalsOnly,
    bool Loop,
    bool OneShot,
    ResolvedParameters Resolved);

internal static class JobPlanner
{
    public static JobPlan Plan(EngineJob job, PhonemizerRegistry phonemizers, int sampleRate)
    {
        var request = job.Request;
        var settings = SettingsResolver.Resolve(request, job.Seeds[0]);
        var timing = new SongTiming(settings.Bpm, settings.Meter, sampleRate);
        var loop = request.Task == MusicTask.Text2Samples && request.SampleType != SampleType.OneShot;
        var oneShot = request.Task == MusicTask.Text2Samples && request.SampleType == SampleType.OneShot;
        var lyrics = LyricsDocument.TryParse(request.EffectiveLyrics, out var parsed, out _) ? parsed : null;
        var vocals = request.Task is MusicTask.Text2Music or MusicTask.Text2Rap or MusicTask.Lyric2Vocals or MusicTask.Simple
            && !request.Instrumental && lyrics is { HasSungText: true };
        var rap = vocals && (request.Task == MusicTask.Text2Rap || settings.Caption.WantsRap);
        var vocalsOnly = vocals && request.Task == MusicTask.Lyric2Vocals;
        var phonemizer = vocals ? phonemizers.For(request.VocalLanguage) : null;

        FormPlan form;
        if (loop)
        {
            form = FormPlanner.PlanLoop(timing, request.DurationSeconds ?? RequestLimits.DefaultLoopSeconds);
        }
        else if (oneShot)
        {
            var frames = (long)Math.Round((request.DurationSeconds ?? RequestLimits.DefaultOneShotSeconds) * sampleRate);
            form = new FormPlan([], 0, frames, sampleRate);
        }
        else
        {
            Func<string, int> count = phonemizer is null
                ? text => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length
                : text => phonemizer.Syllabify(text).Sum(w => w.Syllables.Count);
            form = new FormPlanner(timing, count, rap).Plan(vocals ? lyrics : null, settings.Style.InstrumentalForm, request.DurationSeconds, vocalsOnly);
        }

        var resolved = new ResolvedParameters
        {
            Task = request.Task,
            Caption = request.Caption,
            Lyrics = request.EffectiveLyrics,
            Instrumental = !vocals,
            GenrePreset = request.GenrePreset,
            Bpm = settings.Bpm,
            Key = settings.Key,
            TimeSignature = settings.Meter,
            DurationSeconds = form.DurationSeconds,
            VocalLanguage = request.VocalLanguage,
            Seeds = job.Seeds,
            Format = request.Format,
            Model = BuiltInEngine.EngineName,
            SampleType = request.SampleType,
            InferenceSteps = request.InferenceSteps,
            GuidanceScale = request.GuidanceScale,
            Shift = request.Shift,
            Bars = oneShot ? null : form.TotalBars,
        };
        return new JobPlan(request, settings, timing, form, phonemizer, vocals, rap, vocalsOnly, loop, oneShot, resolved);
    }
}
