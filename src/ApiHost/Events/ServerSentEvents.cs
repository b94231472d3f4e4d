using System.Globalization;
using System.Text;

namespace AudioMusic.ApiHost.Events;

/// <summary>Writes the text/event-stream format (the WHATWG HTML standard's server-sent events): an event is its
/// <c>id:</c>, <c>event:</c> and <c>data:</c> lines and a blank line; a line starting with ':' is a comment, which
/// clients ignore and proxies see as traffic. Every write is flushed at once.</summary>
public sealed class ServerSentEvents(HttpResponse response)
{
    /// <summary>Sets the headers of an event stream: no caching, and no buffering by proxies that honour the hint.</summary>
    public static void Begin(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    public Task RetryAsync(TimeSpan reconnect, CancellationToken cancellationToken) =>
        WriteAsync(string.Create(CultureInfo.InvariantCulture, $"retry: {(long)reconnect.TotalMilliseconds}\n\n"), cancellationToken);

    /// <summary>One event; <paramref name="json"/> has no line breaks (System.Text.Json escapes them in strings).</summary>
    public Task EventAsync(long id, string type, string json, CancellationToken cancellationToken) =>
        WriteAsync(string.Create(CultureInfo.InvariantCulture, $"id: {id}\nevent: {type}\ndata: {json}\n\n"), cancellationToken);

    public Task CommentAsync(string text, CancellationToken cancellationToken) => WriteAsync($": {text}\n\n", cancellationToken);

    private async Task WriteAsync(string text, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
