using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AudioMusic.TestSupport;

/// <summary>A webhook receiver on a loopback port: records every POST with its Standard Webhooks headers, and answers
/// what <see cref="Answer"/> says (a status, a delay, a Retry-After, a large body).</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private WebhookReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The URL to give as callback_url; its host is 127.0.0.1, which the service must be told to allow.</summary>
    public string Url { get; }

    /// <summary>Decides each answer from the delivery and how many times its webhook-id came before (0 the first time).</summary>
    public Func<ReceivedWebhook, int, WebhookAnswer> Answer { get; set; } = (_, _) => new WebhookAnswer(200);

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hooks/{**rest}", async (HttpContext context) => await receiver!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, address + "/hooks/audiomusic");
        return receiver;
    }

    /// <summary>The first delivery <paramref name="match"/> accepts, waiting up to <paramref name="timeout"/>.</summary>
    public async Task<ReceivedWebhook> WaitForAsync(Func<ReceivedWebhook, bool> match, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_received.FirstOrDefault(match) is { } found)
            {
                return found;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"no webhook {what} within {timeout}; received: " +
                    string.Join(", ", _received.Select(r => $"{r.Type} {r.Id}")));
            }
            await _arrived.WaitAsync(left);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers;
        var received = new ReceivedWebhook(headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(),
            headers["webhook-signature"].ToString(), body, context.Request.ContentType, DateTimeOffset.UtcNow);
        var before = _received.Count(r => r.Id == received.Id);
        _received.Enqueue(received);
        _arrived.Release();
        var answer = Answer(received, before);
        if (answer.Delay > TimeSpan.Zero)
        {
            await Task.Delay(answer.Delay, context.RequestAborted);
        }
        context.Response.StatusCode = answer.Status;
        if (answer.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (answer.BodyBytes > 0)
        {
            var chunk = new byte[64 * 1024];
            for (var sent = 0; sent < answer.BodyBytes && !context.RequestAborted.IsCancellationRequested; sent += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
        _arrived.Dispose();
    }
}

public sealed record WebhookAnswer(int Status, TimeSpan Delay = default, TimeSpan? RetryAfter = null, int BodyBytes = 0);

public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body, string? ContentType, DateTimeOffset ReceivedAt)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public string Type => Json.GetProperty("type").GetString()!;

    /// <summary>Checks the signature the way the Standard Webhooks specification describes it, without the service's
    /// code or the StandardWebhooks package: HMAC-SHA256 under the base64 secret after <c>whsec_</c>, of
    /// <c>id.timestamp.body</c>, compared with each <c>v1,</c> entry of the header.</summary>
    public bool IsSignedWith(string secret)
    {
        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{Id}.{Timestamp}.{Body}")));
        return Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(entry => entry.StartsWith("v1,", StringComparison.Ordinal) &&
                CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(entry[3..]), Encoding.ASCII.GetBytes(expected)));
    }
}
