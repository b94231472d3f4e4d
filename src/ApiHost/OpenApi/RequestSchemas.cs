using System.Globalization;
using System.Text.Json.Nodes;
using AudioMusic.ApiHost.Json;
using AudioMusic.Domain;
using AudioMusic.Grains.Webhooks;
using Microsoft.OpenApi;

namespace AudioMusic.ApiHost.OpenApi;

/// <summary>The request body of each generation route as a JSON Schema, built from the definitions the parser and the
/// validator enforce (<see cref="RequestLimits"/>, the format, time-signature and sample-type names, the route rules of
/// <see cref="GenerationRequestParser"/>), so the numbers in the document are never typed twice. A null field means
/// "not sent" everywhere, so every field is nullable; fields a route does not take are absent, and since unknown fields
/// are refused with a 400, each body says <c>additionalProperties: false</c>.</summary>
public static class RequestSchemas
{
    /// <summary>The component name of a route's body, e.g. <c>Text2MusicRequest</c>.</summary>
    public static string ComponentName(MusicTask task) => task switch
    {
        MusicTask.Text2Music => "Text2MusicRequest",
        MusicTask.Prompt2Instrumental => "Prompt2InstrumentalRequest",
        MusicTask.Text2Rap => "Text2RapRequest",
        MusicTask.Lyric2Vocals => "Lyric2VocalsRequest",
        MusicTask.Text2Samples => "Text2SamplesRequest",
        MusicTask.Simple => "SimpleRequest",
        _ => throw new ArgumentOutOfRangeException(nameof(task), task, null),
    };

    /// <summary>PATCH jobs/{id}: only display_name, which may be null to clear it.</summary>
    public static OpenApiSchema Rename() => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "display_name" },
        AdditionalPropertiesAllowed = false,
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["display_name"] = Text(RequestLimits.DisplayNameMaxLength, "The new name; null or blank clears it. No control characters."),
        },
    };

    public static OpenApiSchema For(MusicTask task)
    {
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        foreach (var field in GenerationInputReader.KnownFields)
        {
            if (Field(task, field) is { } schema)
            {
                properties[field] = schema;
            }
        }
        var body = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = Describe(task),
            Properties = properties,
            AdditionalPropertiesAllowed = false,
        };
        var text = task is MusicTask.Prompt2Instrumental or MusicTask.Text2Samples ? "prompt" : "caption";
        if (task is not (MusicTask.Lyric2Vocals or MusicTask.Simple))
        {
            // caption and prompt are one field under two names: one of them is required.
            body.AnyOf = [Requiring("caption"), Requiring("prompt")];
        }
        body.Required = task switch
        {
            MusicTask.Lyric2Vocals or MusicTask.Text2Rap => new HashSet<string> { "lyrics" },
            MusicTask.Simple => new HashSet<string> { "query" },
            _ => null,
        };
        body.Examples = [Example(task, text)];
        return body;
    }

    private static OpenApiSchema Requiring(string field) => new() { Required = new HashSet<string> { field } };

    public static string Describe(MusicTask task) => task switch
    {
        MusicTask.Text2Music => "A song from a caption; with lyrics it is sung, unless instrumental is true.",
        MusicTask.Prompt2Instrumental => "An instrumental from a prompt (always instrumental).",
        MusicTask.Text2Rap => "Rap verses on the beat over a hip-hop groove; lyrics with words are required.",
        MusicTask.Lyric2Vocals => "Dry vocals only, sung from the lyrics; the caption (optional) describes the voice.",
        MusicTask.Text2Samples => "A loop or a one-shot from a prompt.",
        _ => "A whole song planned from one sentence (query): the planner writes caption, lyrics, tempo, key, meter and duration.",
    };

    private static JsonObject Example(MusicTask task, string text) => task switch
    {
        MusicTask.Simple => new JsonObject { ["query"] = "a rainy-day jazz tune for reading", ["seed"] = 7 },
        MusicTask.Text2Samples => new JsonObject { ["prompt"] = "punchy drum loop", ["sample_type"] = "loop", ["tempo"] = 120, ["duration"] = 8 },
        MusicTask.Lyric2Vocals => new JsonObject { ["lyrics"] = "[verse]\nHello world, sing with me", ["caption"] = "soft female voice", ["keyscale"] = "A major" },
        MusicTask.Text2Rap => new JsonObject { ["caption"] = "boom bap, 808", ["lyrics"] = "[verse]\nI got the rhythm in my step" },
        _ => new JsonObject { [text] = "upbeat pop, synth, female vocals", ["duration"] = 30, ["seed"] = 7 },
    };

    /// <summary>The schema of one field on one route; null where the route does not take it.</summary>
    private static OpenApiSchema? Field(MusicTask task, string name)
    {
        var samples = task == MusicTask.Text2Samples;
        var simple = task == MusicTask.Simple;
        var ci = CultureInfo.InvariantCulture;
        return name switch
        {
            "caption" when !simple => Text(RequestLimits.CaptionMaxLength,
                "What the music sounds like: genre, mood, instruments, voice. 'prompt' is the same field under another name; send one."),
            "prompt" when !simple => Text(RequestLimits.CaptionMaxLength, "The same field as 'caption', under the name prompt-style clients use."),
            "lyrics" when task is MusicTask.Text2Music or MusicTask.Text2Rap or MusicTask.Lyric2Vocals => Text(RequestLimits.LyricsMaxLength,
                "Lyrics with structure tags ([verse], [chorus], [bridge], …). Without lyrics a song is instrumental."),
            "instrumental" when task is MusicTask.Text2Music or MusicTask.Prompt2Instrumental or MusicTask.Simple => Bool(
                task == MusicTask.Prompt2Instrumental ? "Always true on this route; false is refused." : "No vocals even when lyrics are given.",
                task == MusicTask.Prompt2Instrumental),
            "genre_preset" => Text(RequestLimits.GenrePresetMaxLength, "A preset's name or slug from GET /api/v1/music/presets; it fills in what the request leaves open."),
            "display_name" => Text(RequestLimits.DisplayNameMaxLength, "A name for the job, shown in listings and written into the files' title tag."),
            "duration" => Nullable(Duration(samples)),
            "bpm" => Nullable(Range(JsonSchemaType.Integer, samples ? RequestLimits.MinSampleTempo : RequestLimits.MinBpm,
                samples ? RequestLimits.MaxSampleTempo : RequestLimits.MaxBpm,
                samples ? "Tempo in beats per minute (the same field as 'tempo')." : "Beats per minute; null: from the caption, the preset or the genre.")),
            "tempo" when samples => Nullable(Range(JsonSchemaType.Integer, RequestLimits.MinSampleTempo, RequestLimits.MaxSampleTempo,
                "Tempo in beats per minute; 'bpm' is the same field (if both are sent they must agree).")),
            "keyscale" => Nullable(new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                MaxLength = 16,
                Description = "A key such as 'C major', 'A minor', 'F# minor' or 'Bb major'; null: chosen from the caption and seed.",
                Examples = [JsonValue.Create("C major"), JsonValue.Create("F# minor")],
            }),
            "timesignature" => Nullable(new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. TimeSignature.All.Select(t => (JsonNode)JsonValue.Create(t.ToString())!)],
                Description = "The meter; null: from the caption or the genre (4/4 unless told otherwise). The bare numerator (2, 3, 4, 6) is accepted too, as a number.",
            }),
            "vocal_language" => Nullable(new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Pattern = "^([a-z]{2}|unknown)$",
                Description = "The sung language as a lower-case ISO 639-1 code, or 'unknown' (default): detected from the lyrics.",
                Default = JsonValue.Create("unknown"),
            }),
            "seed" => Nullable(new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Minimum = "-1",
                Maximum = RequestLimits.MaxSeed.ToString(ci),
                Default = JsonValue.Create(-1),
                Description = "Same seed, same request, same engine: the same audio. -1 or null: a random seed (returned in actual_seeds).",
            }),
            "batch_size" => Nullable(Range(JsonSchemaType.Integer, RequestLimits.MinBatchSize, RequestLimits.MaxBatchSize,
                "How many variations to make, each with its own seed.", RequestLimits.MinBatchSize)),
            "format" => Nullable(new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. AudioFormatNames.All.Select(f => (JsonNode)JsonValue.Create(f)!)],
                Default = JsonValue.Create(AudioFormat.Flac.ToWire()),
                Description = "The format stored at completion (a FLAC master is always kept too); any other is made on request by the audio route.",
            }),
            "model" => Nullable(new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Pattern = string.Create(ci, $"^[A-Za-z0-9._-]{{1,{RequestLimits.ModelNameMaxLength}}}$"),
                Description = "The engine (GET /api/v1/music/model/status lists them); null: the configured default (builtin).",
            }),
            "inference_steps" => Nullable(Range(JsonSchemaType.Integer, RequestLimits.MinInferenceSteps, RequestLimits.MaxInferenceSteps,
                "Diffusion steps, for neural engines; null: the engine's own default. The built-in engine ignores it.")),
            "guidance_scale" => Nullable(Range(JsonSchemaType.Number, RequestLimits.MinGuidanceScale, RequestLimits.MaxGuidanceScale,
                "Classifier-free guidance, for neural engines that use it; null: the engine's default.")),
            "shift" => Nullable(Range(JsonSchemaType.Number, RequestLimits.MinShift, RequestLimits.MaxShift,
                "The diffusion schedule's shift, for neural engines; null: the engine's default.")),
            "sample_type" when samples => Nullable(new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [JsonValue.Create("loop"), JsonValue.Create("one-shot")],
                Default = JsonValue.Create("loop"),
                Description = "A loop (seamless, whole bars) or a one-shot (a single hit with its decay).",
            }),
            "query" when simple => Text(RequestLimits.QueryMaxLength, "One sentence describing the song; the planner writes the rest."),
            "callback_url" => Nullable(new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Format = "uri",
                MaxLength = CallbackUrlPolicy.MaxLength,
                Description = "An http(s) URL that receives the job's events as signed POSTs (Standard Webhooks; docs/api.md, Webhooks). " +
                    "No user info; hosts on private, loopback, link-local or CGNAT addresses are refused unless the operator allows them.",
                Examples = [JsonValue.Create("https://example.com/hooks/audiomusic")],
            }),
            "webhook_events_filter" => Nullable(new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                MinItems = 1,
                UniqueItems = true,
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = [.. WebhookEvents.Names.Select(n => (JsonNode)JsonValue.Create(n)!)],
                },
                Default = new JsonArray([.. WebhookEvents.Default.Select(n => (JsonNode)JsonValue.Create(n)!)]),
                Description = "Which events are posted to callback_url (queued includes requeued; progress is sent at most every 500 ms and " +
                    "never retried); default: completed, failed and cancelled. Needs callback_url.",
            }),
            "stems" => Bool("Also keep the vocals, drums, bass and other stems (engines that can; others refuse it with a 400).", false),
            _ => null,
        };
    }

    /// <summary>-1 (auto) or the route's range, as one number with a hole (-1, min) cut out by <c>not</c>: exact for a
    /// validator, and a plain optional number for client generators, which turn alternatives into awkward wrapper types.</summary>
    private static OpenApiSchema Duration(bool samples)
    {
        var (min, max) = samples
            ? (RequestLimits.MinSampleDurationSeconds, RequestLimits.MaxSampleDurationSeconds)
            : (RequestLimits.MinDurationSeconds, RequestLimits.MaxDurationSeconds);
        var ci = CultureInfo.InvariantCulture;
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Number,
            Minimum = RequestLimits.AutoDuration.ToString(ci),
            Maximum = max.ToString(ci),
            Not = new OpenApiSchema
            {
                Type = JsonSchemaType.Number,
                ExclusiveMinimum = RequestLimits.AutoDuration.ToString(ci),
                ExclusiveMaximum = min.ToString(ci),
            },
            Default = JsonValue.Create(RequestLimits.AutoDuration),
            Description = samples
                ? string.Create(ci, $"Seconds, {min}–{max}; -1 or null: {RequestLimits.DefaultLoopSeconds} s for a loop (rounded to whole bars), {RequestLimits.DefaultOneShotSeconds} s for a one-shot.")
                : string.Create(ci, $"Seconds, {min}–{max}; -1 or null: the song's natural length (docs/api.md, Defaults and auto values)."),
        };
    }

    private static OpenApiSchema Text(int maxLength, string description) =>
        Nullable(new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = maxLength, Description = description });

    private static OpenApiSchema Bool(string description, bool @default) =>
        Nullable(new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = description, Default = JsonValue.Create(@default) });

    private static OpenApiSchema Range(JsonSchemaType type, double minimum, double maximum, string? description = null, double? @default = null) => new()
    {
        Type = type,
        Minimum = minimum.ToString(CultureInfo.InvariantCulture),
        Maximum = maximum.ToString(CultureInfo.InvariantCulture),
        Description = description,
        Default = @default is { } d ? JsonValue.Create(d) : null,
    };

    /// <summary>null is accepted everywhere and means "not sent".</summary>
    private static OpenApiSchema Nullable(OpenApiSchema schema)
    {
        schema.Type = schema.Type!.Value | JsonSchemaType.Null;
        if (schema.Enum is { Count: > 0 } values)
        {
            // An enum lists every accepted value: null too.
            schema.Enum = [.. values, null!];
        }
        return schema;
    }
}
