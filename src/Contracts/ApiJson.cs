using System.Text.Json;
using System.Text.Json.Serialization;

namespace AudioMusic.Contracts;

/// <summary>The API speaks snake_case JSON and omits nothing: a null is written as null so clients see every field.</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.NumberHandling = JsonNumberHandling.Strict;
        // The document declares a property nullable exactly when its C# type is; serialising a null into one that is
        // not fails rather than sending what the document says cannot come.
        options.RespectNullableAnnotations = true;
    }
}
