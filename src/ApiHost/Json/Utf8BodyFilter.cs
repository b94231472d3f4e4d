using System.Runtime.InteropServices;
using System.Text.Json;
using AudioMusic.Domain;
using Microsoft.AspNetCore.Mvc.Filters;

namespace AudioMusic.ApiHost.Json;

/// <summary>A JSON body whose strings are not valid UTF-8 parses (the JSON reader checks structure, not the bytes
/// inside strings), and fails later, when a field is read as text. Every JSON body is checked here first, so such a
/// body is a 400 naming the body instead of a 500.</summary>
public sealed class Utf8BodyFilter : IActionFilter
{
    public void OnActionExecuting(ActionExecutingContext context)
    {
        foreach (var argument in context.ActionArguments.Values)
        {
            if (argument is JsonElement body && !System.Text.Unicode.Utf8.IsValid(JsonMarshal.GetRawUtf8Value(body)))
            {
                context.Result = Problems.Problems.Validation([new FieldError("body", "is not valid UTF-8")]);
                return;
            }
        }
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }
}
