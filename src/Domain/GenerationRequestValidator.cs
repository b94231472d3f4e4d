using System.Globalization;

namespace AudioMusic.Domain;

/// <summary>Checks every range and rule of a <see cref="GenerationRequest"/>. Used on parsed client input and on
/// whatever a planner produces, so that nothing unvalidated ever reaches a job.</summary>
public static class GenerationRequestValidator
{
    public static IReadOnlyList<FieldError> Validate(GenerationRequest request)
    {
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new FieldError(field, message));
        var ci = CultureInfo.InvariantCulture;

        ValidateText(request, Add);

        if (request.DurationSeconds is { } duration)
        {
            var (min, max) = request.Task == MusicTask.Text2Samples
                ? (RequestLimits.MinSampleDurationSeconds, RequestLimits.MaxSampleDurationSeconds)
                : (RequestLimits.MinDurationSeconds, RequestLimits.MaxDurationSeconds);
            if (double.IsNaN(duration) || duration < min || duration > max)
            {
                Add("duration", string.Create(ci, $"must be -1 (auto) or between {min} and {max} seconds"));
            }
        }
        if (request.Bpm is { } bpm)
        {
            if (request.Task == MusicTask.Text2Samples)
            {
                if (bpm is < RequestLimits.MinSampleTempo or > RequestLimits.MaxSampleTempo)
                {
                    Add("tempo", string.Create(ci, $"must be between {RequestLimits.MinSampleTempo} and {RequestLimits.MaxSampleTempo} bpm"));
                }
            }
            else if (bpm is < RequestLimits.MinBpm or > RequestLimits.MaxBpm)
            {
                Add("bpm", string.Create(ci, $"must be between {RequestLimits.MinBpm} and {RequestLimits.MaxBpm}, or null for auto"));
            }
        }
        if (request.TimeSignature is { } ts && !TimeSignature.All.Contains(ts))
        {
            Add("timesignature", "must be one of 2/4, 3/4, 4/4, 6/8");
        }
        if (!LanguageCodes.TryNormalise(request.VocalLanguage, out var lang) || lang != request.VocalLanguage)
        {
            Add("vocal_language", "must be a lower-case ISO 639-1 code or 'unknown'");
        }
        if (request.Seed is < -1)
        {
            Add("seed", string.Create(ci, $"must be -1 (random) or between 0 and {RequestLimits.MaxSeed}"));
        }
        if (request.BatchSize is < RequestLimits.MinBatchSize or > RequestLimits.MaxBatchSize)
        {
            Add("batch_size", string.Create(ci, $"must be between {RequestLimits.MinBatchSize} and {RequestLimits.MaxBatchSize}"));
        }
        if (!Enum.IsDefined(request.Format))
        {
            Add("format", AudioFormatNames.MustBeOneOf);
        }
        if (request.Model is { } model && !IsEngineName(model))
        {
            Add("model", $"must be an engine name of at most {RequestLimits.ModelNameMaxLength} characters (letters, digits, '.', '-', '_')");
        }
        if (request.InferenceSteps is < RequestLimits.MinInferenceSteps or > RequestLimits.MaxInferenceSteps)
        {
            Add("inference_steps", string.Create(ci, $"must be between {RequestLimits.MinInferenceSteps} and {RequestLimits.MaxInferenceSteps}"));
        }
        if (request.GuidanceScale is { } g && (double.IsNaN(g) || g < RequestLimits.MinGuidanceScale || g > RequestLimits.MaxGuidanceScale))
        {
            Add("guidance_scale", string.Create(ci, $"must be between {RequestLimits.MinGuidanceScale} and {RequestLimits.MaxGuidanceScale}"));
        }
        if (request.Shift is { } s && (double.IsNaN(s) || s < RequestLimits.MinShift || s > RequestLimits.MaxShift))
        {
            Add("shift", string.Create(ci, $"must be between {RequestLimits.MinShift} and {RequestLimits.MaxShift}"));
        }
        if (request.GenrePreset is { } preset && GenrePresets.Find(preset) is null)
        {
            Add("genre_preset", "unknown preset; GET /api/v1/music/presets lists them");
        }
        if ((request.Task == MusicTask.Text2Samples) != (request.SampleType is not null))
        {
            Add("sample_type", "is required by text2samples and taken by no other route");
        }
        return errors;
    }

    private static void ValidateText(GenerationRequest request, Action<string, string> add)
    {
        var captionField = request.Task is MusicTask.Prompt2Instrumental or MusicTask.Text2Samples ? "prompt" : "caption";
        var captionRequired = request.Task is not (MusicTask.Lyric2Vocals or MusicTask.Simple);
        if (captionRequired && string.IsNullOrWhiteSpace(request.Caption))
        {
            add(captionField, "is required and must not be blank");
        }
        if (request.Caption.Length > RequestLimits.CaptionMaxLength)
        {
            add(captionField, $"must be at most {RequestLimits.CaptionMaxLength} characters");
        }
        if (HasControlCharacters(request.Caption))
        {
            add(captionField, "must not contain control characters");
        }

        if (request.Lyrics is { } lyrics)
        {
            if (lyrics.Length > RequestLimits.LyricsMaxLength)
            {
                add("lyrics", $"must be at most {RequestLimits.LyricsMaxLength} characters");
            }
            else if (!LyricsDocument.TryParse(lyrics, out _, out var error))
            {
                add("lyrics", error!);
            }
        }
        var needsSungLyrics = request.Task is MusicTask.Lyric2Vocals or MusicTask.Text2Rap;
        if (needsSungLyrics && (request.Lyrics is null || !LyricsDocument.TryParse(request.Lyrics, out var doc, out _) || !doc.HasSungText))
        {
            if (request.Lyrics is null || request.Lyrics.Length <= RequestLimits.LyricsMaxLength)
            {
                add("lyrics", $"{request.Task.ToWire()} needs lyrics with words to sing");
            }
        }

        if (request.DisplayName is { } name)
        {
            if (name.Length > RequestLimits.DisplayNameMaxLength)
            {
                add("display_name", $"must be at most {RequestLimits.DisplayNameMaxLength} characters");
            }
            if (HasControlCharacters(name))
            {
                add("display_name", "must not contain control characters");
            }
        }
        if (request.Task == MusicTask.Simple)
        {
            if (string.IsNullOrWhiteSpace(request.Query))
            {
                add("query", "is required and must not be blank");
            }
            else if (request.Query.Length > RequestLimits.QueryMaxLength)
            {
                add("query", $"must be at most {RequestLimits.QueryMaxLength} characters");
            }
        }
    }

    /// <summary>Display names and captions are shown in UIs and logs; tabs and newlines are fine in lyrics only.</summary>
    private static bool HasControlCharacters(string text) =>
        text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));

    private static bool IsEngineName(string model) =>
        model.Length is > 0 and <= RequestLimits.ModelNameMaxLength
        && model.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
