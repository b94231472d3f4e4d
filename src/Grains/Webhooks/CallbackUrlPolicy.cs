using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace AudioMusic.Grains.Webhooks;

/// <summary>Which <c>callback_url</c>s the service posts to: absolute http(s), at most <see cref="MaxLength"/>
/// characters, no user info, and a host that neither is nor resolves to a <see cref="BlockedAddresses">blocked
/// address</see>, unless that host, exactly as written, is in <c>Webhooks:AllowedHosts</c>. The submit checks it once;
/// <see cref="WebhookSender"/> checks the address again at every delivery and connects to the address it checked.</summary>
public sealed class CallbackUrlPolicy(IOptions<WebhookOptions> options)
{
    public const int MaxLength = 2048;

    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Why the URL is refused, or null. Resolves the host's name (a few seconds at most).</summary>
    public async Task<string?> WhyRefusedAsync(string url, CancellationToken cancellationToken)
    {
        if (WhyMalformed(url, out var uri) is { } malformed)
        {
            return malformed;
        }
        if (IsAllowedByName(uri))
        {
            return null;
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ResolveTimeout);
            var addresses = await ResolveAsync(uri.IdnHost, timeout.Token);
            return addresses.Length == 0 ? "has a host that does not resolve to any address" : WhyAnyBlocked(addresses);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return "has a host that could not be resolved";
        }
    }

    /// <summary>The checks that need no name lookup: the URL's form, names that are local by definition, and IP literals.</summary>
    public string? WhyMalformed(string url, out Uri uri)
    {
        uri = null!;
        if (url.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters";
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            return "must be an absolute http or https URL";
        }
        uri = parsed;
        if (parsed.UserInfo.Length > 0)
        {
            return "must not carry a user name or password (put credentials in the path or rely on the signature)";
        }
        if (IsAllowedByName(parsed))
        {
            return null;
        }
        var host = parsed.IdnHost.TrimEnd('.');
        if (host.Length == 0)
        {
            return "must name a host";
        }
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return "points at this machine (localhost)";
        }
        if (parsed.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(parsed.DnsSafeHost, out var literal))
        {
            return BlockedAddresses.WhyBlocked(literal) is { } why ? "points at an address that " + why : null;
        }
        return null;
    }

    /// <summary>Whether the URL's host, as the client wrote it (before any normalisation of numbers), is allowed.</summary>
    public bool IsAllowedByName(Uri uri) =>
        HostAsWritten(uri.OriginalString) is { Length: > 0 } host && options.Value.AllowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase);

    /// <summary>Null when every address is public; otherwise why the first blocked one is refused.</summary>
    public static string? WhyAnyBlocked(IEnumerable<IPAddress> addresses) =>
        addresses.Select(BlockedAddresses.WhyBlocked).FirstOrDefault(why => why is not null) is { } reason
            ? "resolves to an address that " + reason
            : null;

    public static Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host, out var literal) ? Task.FromResult(new[] { literal }) : Dns.GetHostAddressesAsync(host, cancellationToken);

    /// <summary>The host part of <c>scheme://[userinfo@]host[:port]/…</c> as typed: <see cref="Uri.Host"/> rewrites
    /// <c>2130706433</c> and <c>0x7f.1</c> to <c>127.0.0.1</c>, which must not make them allowed.</summary>
    internal static string? HostAsWritten(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }
        var authority = url[(start + 3)..];
        var end = authority.IndexOfAny(['/', '?', '#', '\\']);
        authority = end < 0 ? authority : authority[..end];
        authority = authority[(authority.LastIndexOf('@') + 1)..];
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? null : authority[..(close + 1)];
        }
        var colon = authority.LastIndexOf(':');
        return colon < 0 ? authority : authority[..colon];
    }
}
