using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace AudioMusic.Grains.Webhooks;

/// <summary>Posts signed deliveries. Every connection is made to an address checked at that moment (so a name that
/// resolved to a public address at submit and to a private one now is refused: no DNS rebinding), redirects are not
/// followed, an attempt ends after <see cref="WebhookOptions.Timeout"/>, and a response body is never read (a receiver
/// answering 50 MB costs nothing). All of it is asynchronous I/O: a hanging receiver holds no thread.</summary>
public sealed class WebhookSender : IDisposable
{
    /// <summary>Marks a request whose host is allowed by name, so its connection skips the address check.</summary>
    private static readonly HttpRequestOptionsKey<bool> AllowedByName = new("audiomusic.webhook.allowed-by-name");

    private readonly HttpClient _client;
    private readonly CallbackUrlPolicy _policy;
    private readonly WebhookSigner _signer;
    private readonly WebhookOptions _options;
    private readonly TimeProvider _time;

    public WebhookSender(CallbackUrlPolicy policy, WebhookSigner signer, IOptions<WebhookOptions> options, TimeProvider time)
    {
        _policy = policy;
        _signer = signer;
        _options = options.Value;
        _time = time;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = _options.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            MaxResponseHeadersLength = 16,
            ConnectCallback = ConnectCheckedAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>One attempt, signed with the tenant's secrets when the delivery has a tenant (else with
    /// <c>Webhooks:Secret</c>); never throws for what the receiver or the network does.</summary>
    public async Task<WebhookAttemptResult> SendAsync(WebhookDelivery delivery, IReadOnlyList<string>? tenantSecrets, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var at = _time.GetUtcNow();
        if (_policy.WhyMalformed(delivery.Url, out var uri) is { } malformed)
        {
            return WebhookAttemptResult.Refused(at, "callback_url " + malformed);
        }
        if (tenantSecrets is null && !_signer.IsConfigured)
        {
            // A silo configured unlike the API host that accepted the URL: recorded, and tried again on the schedule
            // in case the operator sets the secret meanwhile.
            return new WebhookAttemptResult(at, null, "this silo has no webhook signing secret (Webhooks:Secret); nothing was sent", TimeSpan.Zero, null, false);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Options.Set(AllowedByName, _policy.IsAllowedByName(uri));
        foreach (var (name, value) in _signer.Headers(delivery.WebhookId, at, delivery.Body, tenantSecrets))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        request.Headers.UserAgent.ParseAdd("AudioMusic-Webhooks/1");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return new WebhookAttemptResult(at, (int)response.StatusCode, null, Stopwatch.GetElapsedTime(started), RetryAfter(response, at), false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttemptResult(at, null, $"no answer within {_options.Timeout.TotalSeconds:0.#} s", Stopwatch.GetElapsedTime(started), null, false);
        }
        catch (HttpRequestException ex) when (ex.InnerException is RefusedAddressException refused)
        {
            return WebhookAttemptResult.Refused(at, refused.Message);
        }
        catch (HttpRequestException ex)
        {
            return new WebhookAttemptResult(at, null, ex.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "the host could not be resolved",
                HttpRequestError.ConnectionError => "the connection failed",
                _ => "the request failed: " + ex.Message,
            }, Stopwatch.GetElapsedTime(started), null, false);
        }
    }

    private async ValueTask<Stream> ConnectCheckedAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = await CallbackUrlPolicy.ResolveAsync(endpoint.Host, cancellationToken);
        var allowed = context.InitialRequestMessage.Options.TryGetValue(AllowedByName, out var byName) && byName;
        if (!allowed && CallbackUrlPolicy.WhyAnyBlocked(addresses) is { } why)
        {
            throw new RefusedAddressException("callback_url now " + why);
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // The addresses just checked, not a fresh lookup that could answer differently.
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - now : null);
        return wait is { } w && w > TimeSpan.Zero ? TimeSpan.FromTicks(Math.Min(w.Ticks, _options.MaxRetryAfter.Ticks)) : null;
    }

    public void Dispose() => _client.Dispose();

    private sealed class RefusedAddressException(string message) : Exception(message);
}

/// <summary>What one attempt came to. <see cref="Refused"/>: the address is not one the service posts to, which
/// retrying cannot change.</summary>
public sealed record WebhookAttemptResult(DateTimeOffset At, int? StatusCode, string? Error, TimeSpan Duration, TimeSpan? RetryAfter, bool IsRefused)
{
    public static WebhookAttemptResult Refused(DateTimeOffset at, string why) => new(at, null, why, TimeSpan.Zero, null, true);

    public bool Succeeded => StatusCode is >= 200 and < 300;
}
