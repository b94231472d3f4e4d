using System.Globalization;

namespace AudioMusic.Domain;

/// <summary>Turns what a client sent to one route into a <see cref="GenerationRequest"/>, or into the list of
/// every field that is wrong. Never throws on bad input.</summary>
public static class GenerationRequestParser
{
    public static ParseResult Parse(MusicTask task, GenerationInput input)
    {
        var errors = new List<FieldError>();
        var caption = ResolveCaption(task, input, errors);
        RejectFieldsTheRouteDoesNotTake(task, input, errors);

        var sampleType = ParseSampleType(task, input, errors);
        var bpm = ParseBpm(task, input, errors);
        var request = new GenerationRequest
        {
            Task = task,
            Caption = caption ?? "",
            Lyrics = NullIfBlank(input.Lyrics),
            Instrumental = task == MusicTask.Prompt2Instrumental || (input.Instrumental ?? false),
            GenrePreset = ParsePreset(input.GenrePreset, errors),
            DisplayName = NullIfBlank(input.DisplayName)?.Trim(),
            DurationSeconds = input.Duration is null or RequestLimits.AutoDuration ? null : input.Duration,
            Bpm = bpm,
            Key = ParseKey(input.KeyScale, errors),
            TimeSignature = ParseTimeSignature(input.TimeSignature, errors),
            VocalLanguage = ParseLanguage(input.VocalLanguage, errors),
            Seed = ParseSeed(input.Seed, errors),
            BatchSize = input.BatchSize ?? 1,
            Format = ParseFormat(input.Format, errors),
            Model = NullIfBlank(input.Model)?.Trim(),
            InferenceSteps = input.InferenceSteps,
            GuidanceScale = input.GuidanceScale,
            Shift = input.Shift,
            SampleType = sampleType,
            Query = task == MusicTask.Simple ? input.Query?.Trim() : null,
            Stems = input.Stems ?? false,
        };
        if (input.Duration is { } d && d != RequestLimits.AutoDuration && (double.IsNaN(d) || double.IsInfinity(d)))
        {
            errors.Add(new FieldError("duration", "must be a finite number of seconds"));
        }
        else
        {
            errors.AddRange(GenerationRequestValidator.Validate(request).Where(e => errors.All(x => x.Field != e.Field)));
        }
        return errors.Count == 0 ? ParseResult.Ok(request) : ParseResult.Invalid(errors);
    }

    private static string? ResolveCaption(MusicTask task, GenerationInput input, List<FieldError> errors)
    {
        if (input.Caption is not null && input.Prompt is not null && input.Caption != input.Prompt)
        {
            errors.Add(new FieldError("prompt", "caption and prompt are the same field; send one of them, or the same text in both"));
        }
        if (task == MusicTask.Simple && (input.Caption ?? input.Prompt) is not null)
        {
            errors.Add(new FieldError(input.Caption is not null ? "caption" : "prompt", "simple mode writes the caption itself from 'query'"));
            return null;
        }
        return input.Caption ?? input.Prompt;
    }

    private static void RejectFieldsTheRouteDoesNotTake(MusicTask task, GenerationInput input, List<FieldError> errors)
    {
        void Reject(string field, string why) => errors.Add(new FieldError(field, why));
        if (task is MusicTask.Prompt2Instrumental or MusicTask.Text2Samples or MusicTask.Simple && input.Lyrics is not null)
        {
            Reject("lyrics", $"{task.ToWire()} does not take lyrics");
        }
        if (task == MusicTask.Prompt2Instrumental && input.Instrumental == false)
        {
            Reject("instrumental", "prompt2instrumental is always instrumental");
        }
        if (task is MusicTask.Text2Samples or MusicTask.Lyric2Vocals or MusicTask.Text2Rap && input.Instrumental == true)
        {
            Reject("instrumental", $"{task.ToWire()} does not take 'instrumental'");
        }
        if (task != MusicTask.Simple && input.Query is not null)
        {
            Reject("query", "only the simple route takes 'query'");
        }
        if (task != MusicTask.Text2Samples)
        {
            if (input.SampleType is not null)
            {
                Reject("sample_type", "only text2samples takes 'sample_type'");
            }
            if (input.Tempo is not null)
            {
                Reject("tempo", "only text2samples takes 'tempo'; use 'bpm'");
            }
        }
    }

    private static SampleType? ParseSampleType(MusicTask task, GenerationInput input, List<FieldError> errors)
    {
        if (task != MusicTask.Text2Samples)
        {
            return null;
        }
        if (input.SampleType is null)
        {
            return SampleType.Loop;
        }
        if (SampleTypeNames.TryParse(input.SampleType, out var type))
        {
            return type;
        }
        errors.Add(new FieldError("sample_type", "must be 'loop' or 'one-shot'"));
        return null;
    }

    private static int? ParseBpm(MusicTask task, GenerationInput input, List<FieldError> errors)
    {
        if (task == MusicTask.Text2Samples && input.Tempo is { } tempo)
        {
            if (input.Bpm is { } bpm && bpm != tempo)
            {
                errors.Add(new FieldError("tempo", "tempo and bpm disagree; send one of them"));
            }
            return tempo;
        }
        return input.Bpm;
    }

    private static string? ParsePreset(string? name, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        if (GenrePresets.Find(name) is { } preset)
        {
            return preset.Name;
        }
        errors.Add(new FieldError("genre_preset", $"unknown preset '{Shorten(name)}'; GET /api/v1/music/presets lists them"));
        return null;
    }

    private static KeyScale? ParseKey(string? text, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (KeyScale.TryParse(text, out var key))
        {
            return key;
        }
        errors.Add(new FieldError("keyscale", $"'{Shorten(text)}' is not a key such as 'C major', 'A minor', 'F# minor' or 'Bb major'"));
        return null;
    }

    private static TimeSignature? ParseTimeSignature(string? text, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (TimeSignature.TryParse(text, out var ts))
        {
            return ts;
        }
        errors.Add(new FieldError("timesignature", $"'{Shorten(text)}' is not one of 2/4, 3/4, 4/4, 6/8 (or 2, 3, 4, 6)"));
        return null;
    }

    private static string ParseLanguage(string? text, List<FieldError> errors)
    {
        if (text is null)
        {
            return LanguageCodes.Unknown;
        }
        if (LanguageCodes.TryNormalise(text, out var code))
        {
            return code;
        }
        errors.Add(new FieldError("vocal_language", $"'{Shorten(text)}' is not an ISO 639-1 code (such as 'en', 'es', 'ja') or 'unknown'"));
        return LanguageCodes.Unknown;
    }

    private static int ParseSeed(long? seed, List<FieldError> errors)
    {
        switch (seed)
        {
            case null or -1:
                return -1;
            case >= 0 and <= RequestLimits.MaxSeed:
                return (int)seed.Value;
            default:
                errors.Add(new FieldError("seed", string.Create(CultureInfo.InvariantCulture, $"must be -1 (random) or between 0 and {RequestLimits.MaxSeed}")));
                return -1;
        }
    }

    private static AudioFormat ParseFormat(string? text, List<FieldError> errors)
    {
        if (text is null)
        {
            return AudioFormat.Flac;
        }
        if (AudioFormatNames.TryParse(text, out var format))
        {
            return format;
        }
        errors.Add(new FieldError("format", AudioFormatNames.MustBeOneOf));
        return AudioFormat.Flac;
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

/// <summary>Either a request or the fields that stop it being one.</summary>
public sealed record ParseResult(GenerationRequest? Request, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Request is not null;

    public static ParseResult Ok(GenerationRequest request) => new(request, []);

    public static ParseResult Invalid(IReadOnlyList<FieldError> errors) => new(null, errors);
}
