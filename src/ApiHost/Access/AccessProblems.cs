using Microsoft.AspNetCore.Mvc;

namespace AudioMusic.ApiHost.Access;

/// <summary>The access middleware's answers, as problem documents like every other error.</summary>
internal static class AccessProblems
{
    public static Task UnauthorizedAsync(HttpContext context, string detail, bool basic = false)
    {
        // RFC 6750: say which scheme is wanted. The operators' pages also take Basic, which makes a browser ask.
        context.Response.Headers.WWWAuthenticate = basic
            ? new Microsoft.Extensions.Primitives.StringValues(["Bearer realm=\"audiomusic\"", "Basic realm=\"audiomusic operators\", charset=\"UTF-8\""])
            : "Bearer realm=\"audiomusic\"";
        return WriteAsync(context, StatusCodes.Status401Unauthorized, "/problems/unauthorized", "An API key is required.", detail);
    }

    public static Task WriteAsync(HttpContext context, int status, string type, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail },
        }).AsTask();
    }
}
