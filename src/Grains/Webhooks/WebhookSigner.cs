using System.Globalization;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace AudioMusic.Grains.Webhooks;

/// <summary>The Standard Webhooks headers of a delivery: <c>webhook-id</c> (the same on every retry, the receiver's
/// idempotency key), <c>webhook-timestamp</c> (Unix seconds of this attempt) and <c>webhook-signature</c>
/// (<c>v1,</c> and the base64 HMAC-SHA256 of <c>id.timestamp.body</c> under the secret), made by the StandardWebhooks
/// package, the specification's own .NET implementation.</summary>
public sealed class WebhookSigner(IOptions<WebhookOptions> options)
{
    private readonly Lazy<StandardWebhook?> _webhook = new(() =>
        string.IsNullOrWhiteSpace(options.Value.Secret) ? null : new StandardWebhook(options.Value.Secret));

    /// <summary>False when no secret is configured: then no <c>callback_url</c> is accepted.</summary>
    public bool IsConfigured => _webhook.Value is not null;

    /// <summary>The headers, signed with <paramref name="tenantSecrets"/> (a tenant's, one signature each, space
    /// separated) or else with <c>Webhooks:Secret</c>.</summary>
    public IEnumerable<(string Name, string Value)> Headers(string webhookId, DateTimeOffset at, string body, IReadOnlyList<string>? tenantSecrets = null)
    {
        var seconds = DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());
        var signature = tenantSecrets is { Count: > 0 }
            ? string.Join(' ', tenantSecrets.Select(secret => new StandardWebhook(secret).Sign(webhookId, seconds, body)))
            : (_webhook.Value ?? throw new InvalidOperationException("Webhooks:Secret is not set.")).Sign(webhookId, seconds, body);
        return
        [
            ("webhook-id", webhookId),
            ("webhook-timestamp", seconds.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            ("webhook-signature", signature),
        ];
    }

    /// <summary>Unset, or <c>whsec_</c> and the base64 of at least 24 bytes.</summary>
    public static bool IsValidSecret(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return true;
        }
        var key = secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : null;
        var bytes = new byte[key?.Length ?? 0];
        return key is not null && Convert.TryFromBase64String(key, bytes, out var written) && written >= 24;
    }

    /// <summary>A new secret in the <c>whsec_</c> form: 32 random bytes.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
