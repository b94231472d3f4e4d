using Microsoft.AspNetCore.Mvc;

namespace AudioMusic.ApiHost.Access;

/// <summary>The access middleware's answers, as problem documents like every other error.</summary>
internal static class AccessProblems
{
    public static Task UnauthorizedAsync(HttpContext context, string detail)
    {
        // RFC 6750: say which scheme is wanted.
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"audiomusic\"";
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
