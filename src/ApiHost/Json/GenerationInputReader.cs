using System.Text.Json;
using AudioMusic.Domain;

namespace AudioMusic.ApiHost.Json;

/// <summary>Reads a generation request body field by field, so that every wrong type or unknown field is reported
/// under the name the client used, and nothing is silently ignored.</summary>
public static class GenerationInputReader
{
    private static readonly string[] Fields =
    [
        "caption", "prompt", "lyrics", "instrumental", "genre_preset", "display_name", "duration", "bpm", "tempo", "keyscale",
        "timesignature", "vocal_language", "seed", "batch_size", "format", "model", "inference_steps", "guidance_scale", "shift",
        "sample_type", "query", "stems",
        // Read by ApiHost.Webhooks.WebhookFields: where the job's events are posted, not what is generated.
        "callback_url", "webhook_events_filter",
    ];

    public static IReadOnlyList<string> KnownFields => Fields;

    public static (GenerationInput Input, IReadOnlyList<FieldError> Errors) Read(JsonElement body)
    {
        var errors = new List<FieldError>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError("body", "must be a JSON object"));
            return (new GenerationInput(), errors);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            if (!Fields.Contains(property.Name))
            {
                errors.Add(new FieldError(property.Name, "is not a field of this API (fields are snake_case, e.g. 'batch_size')"));
            }
            else if (!seen.Add(property.Name))
            {
                errors.Add(new FieldError(property.Name, "is given more than once"));
            }
        }
        var reader = new FieldReader(body, errors);
        var input = new GenerationInput
        {
            Caption = reader.String("caption"),
            Prompt = reader.String("prompt"),
            Lyrics = reader.String("lyrics"),
            Instrumental = reader.Bool("instrumental"),
            GenrePreset = reader.String("genre_preset"),
            DisplayName = reader.String("display_name"),
            Duration = reader.Number("duration"),
            Bpm = reader.Int("bpm"),
            Tempo = reader.Int("tempo"),
            KeyScale = reader.String("keyscale"),
            TimeSignature = reader.StringOrInteger("timesignature"),
            VocalLanguage = reader.String("vocal_language"),
            Seed = reader.Long("seed"),
            BatchSize = reader.Int("batch_size"),
            Format = reader.String("format"),
            Model = reader.String("model"),
            InferenceSteps = reader.Int("inference_steps"),
            GuidanceScale = reader.Number("guidance_scale"),
            Shift = reader.Number("shift"),
            Stems = reader.Bool("stems"),
            SampleType = reader.String("sample_type"),
            Query = reader.String("query"),
        };
        return (input, errors);
    }

    /// <summary>Typed access to one object's properties; a JSON null is "not sent".</summary>
    internal sealed class FieldReader(JsonElement body, List<FieldError> errors)
    {
        private bool TryGet(string name, out JsonElement value) =>
            body.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

        public string? String(string name)
        {
            if (!TryGet(name, out var value))
            {
                return null;
            }
            if (value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
            errors.Add(new FieldError(name, "must be a string"));
            return null;
        }

        public bool? Bool(string name)
        {
            if (!TryGet(name, out var value))
            {
                return null;
            }
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return value.GetBoolean();
            }
            errors.Add(new FieldError(name, "must be true or false"));
            return null;
        }

        public double? Number(string name)
        {
            if (!TryGet(name, out var value))
            {
                return null;
            }
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
            {
                return number;
            }
            errors.Add(new FieldError(name, "must be a number"));
            return null;
        }

        public int? Int(string name)
        {
            var wide = Long(name);
            if (wide is null)
            {
                return null;
            }
            if (wide is < int.MinValue or > int.MaxValue)
            {
                errors.Add(new FieldError(name, "is out of range"));
                return null;
            }
            return (int)wide.Value;
        }

        public long? Long(string name)
        {
            if (!TryGet(name, out var value))
            {
                return null;
            }
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
            {
                return number;
            }
            // 120.0 is an integer written as a float; 120.5 is not.
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) < 1e15)
            {
                return (long)d;
            }
            errors.Add(new FieldError(name, value.ValueKind == JsonValueKind.Number ? "must be a whole number" : "must be an integer"));
            return null;
        }

        /// <summary>Time signatures arrive as "3/4" or as the bare numerator 3.</summary>
        public string? StringOrInteger(string name)
        {
            if (!TryGet(name, out var value))
            {
                return null;
            }
            if (value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
            {
                return number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            errors.Add(new FieldError(name, "must be a string such as \"3/4\" or an integer such as 3"));
            return null;
        }
    }
}
