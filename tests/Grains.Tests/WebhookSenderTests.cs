using System.Net;
using AudioMusic.Grains.Webhooks;
using Microsoft.Extensions.Options;

namespace AudioMusic.Grains.Tests;

/// <summary>The sender checks the address again when it connects: a name that passed (or was never checked) but
/// resolves to a private or loopback address now is refused before any byte is sent.</summary>
public sealed class WebhookSenderTests
{
    [SkippableFact]
    public async Task A_name_resolving_to_a_private_address_is_refused_at_connect_time()
    {
        var host = Dns.GetHostName();
        var addresses = await Dns.GetHostAddressesAsync(host);
        Skip.If(addresses.Length == 0 || addresses.All(a => BlockedAddresses.WhyBlocked(a) is null),
            $"this machine's name ({host}) does not resolve to a private address");
        var options = Options.Create(new WebhookOptions { Secret = WebhookSigner.NewSecret(), Timeout = TimeSpan.FromSeconds(5) });
        var policy = new CallbackUrlPolicy(options);
        using var sender = new WebhookSender(policy, new WebhookSigner(options), options, TimeProvider.System);
        var url = $"http://{host}:9/hook";
        Assert.Null(policy.WhyMalformed(url, out _));

        var result = await sender.SendAsync(new WebhookDelivery("msg_x_1", "x", 1, "job.completed", url, "{}", DateTimeOffset.UtcNow), null, CancellationToken.None);

        Assert.True(result.IsRefused);
        Assert.Null(result.StatusCode);
        Assert.Contains("now resolves to an address that", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_without_a_signing_secret_records_why_and_sends_nothing()
    {
        var options = Options.Create(new WebhookOptions());
        using var sender = new WebhookSender(new CallbackUrlPolicy(options), new WebhookSigner(options), options, TimeProvider.System);

        var result = await sender.SendAsync(new WebhookDelivery("msg_x_2", "x", 2, "job.completed", "https://93.184.215.14/hook", "{}", DateTimeOffset.UtcNow),
            null, CancellationToken.None);

        Assert.False(result.IsRefused);
        Assert.Null(result.StatusCode);
        Assert.Contains("Webhooks:Secret", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tenants_secrets_each_sign_and_the_service_secret_does_not()
    {
        var options = Options.Create(new WebhookOptions { Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" });
        var current = WebhookSigner.NewSecret();
        var previous = WebhookSigner.NewSecret();
        var at = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var headers = new WebhookSigner(options).Headers("msg_j_1", at, "{\"a\":1}", [current, previous]).ToDictionary(h => h.Name, h => h.Value);
        var signatures = headers["webhook-signature"].Split(' ');
        Assert.Equal(2, signatures.Length);
        string Expected(string secret) => "v1," + Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            Convert.FromBase64String(secret[6..]), System.Text.Encoding.UTF8.GetBytes("msg_j_1.1800000000.{\"a\":1}")));
        Assert.Equal([Expected(current), Expected(previous)], signatures);
        Assert.DoesNotContain(Expected(options.Value.Secret!), signatures);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", true)]
    [InlineData("whsec_replace-with-base64-of-32-random-bytes", false)]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", false)]
    [InlineData("whsec_c2hvcnQ=", false)]
    public void Secrets_must_be_whsec_and_base64_of_24_bytes_or_more(string? secret, bool valid) =>
        Assert.Equal(valid, WebhookSigner.IsValidSecret(secret));
}
