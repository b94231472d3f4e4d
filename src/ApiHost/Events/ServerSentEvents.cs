using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using AudioMusic.Grains.Telemetry;

namespace AudioMusic.ApiHost.Events;

/// <summary>Writes the text/event-stream format (the WHATWG HTML standard's server-sent events): an event is its
/// <c>id:</c>, <c>event:</c> and <c>data:</c> lines and a blank line; a line starting with ':' is a comment, which
/// clients ignore and proxies see as traffic. Every write is flushed at once.</summary>
public sealed class ServerSentEvents(HttpResponse response)
{
    private static readonly UpDownCounter<long> Subscribers = AudioMusicTelemetry.Meter.CreateUpDownCounter<long>(
        "audiomusic.sse.subscribers", "{subscriber}", "Open event streams on this API host (tag stream: job or all).");

    /// <summary>Sets the headers of an event stream: no caching, and no buffering by proxies that honour the hint.
    /// The stream counts as a subscriber (<paramref name="stream"/>: <c>job</c> or <c>all</c>) until its response
    /// ends, however it ends.</summary>
    public static void Begin(HttpResponse response, string stream)
    {
        var tag = new KeyValuePair<string, object?>("stream", stream);
        Subscribers.Add(1, tag);
        response.OnCompleted(() =>
        {
            Subscribers.Add(-1, tag);
            return Task.CompletedTask;
        });
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
