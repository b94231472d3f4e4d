using System.Net;
using AudioMusic.Grains.Webhooks;
using Microsoft.Extensions.Options;

namespace AudioMusic.Grains.Tests;

/// <summary>The SSRF guard on callback URLs: every form of a local or private address is refused, however it is
/// spelled, public addresses pass, and an allowed host counts only as written.</summary>
public sealed class CallbackUrlPolicyTests
{
    private static readonly CallbackUrlPolicy Policy = new(Options.Create(new WebhookOptions { AllowedHosts = ["127.0.0.1", "receiver.internal", "[::1]"] }));

    private static readonly CallbackUrlPolicy Strict = new(Options.Create(new WebhookOptions()));

    public static TheoryData<string, string> Refused => new()
    {
        { "ftp://example.com/hook", "absolute http or https" },
        { "/relative/hook", "absolute http or https" },
        { "javascript:alert(1)", "absolute http or https" },
        { "http://user:secret@93.184.215.14/hook", "user name or password" },
        { "http://localhost/hook", "localhost" },
        { "http://LOCALHOST:8080/hook", "localhost" },
        { "http://localhost./hook", "localhost" },
        { "http://api.localhost/hook", "localhost" },
        { "http://127.0.0.2/hook", "loopback" },
        { "http://2130706433/hook", "loopback" },
        { "http://0x7f.1/hook", "loopback" },
        { "http://0177.0.0.1/hook", "loopback" },
        { "http://10.1.2.3/hook", "RFC 1918" },
        { "http://172.16.0.1/hook", "RFC 1918" },
        { "http://172.31.255.255/hook", "RFC 1918" },
        { "http://192.168.1.1/hook", "RFC 1918" },
        { "http://169.254.169.254/latest/meta-data/", "link-local" },
        { "http://100.64.0.1/hook", "carrier-grade NAT" },
        { "http://100.127.255.254/hook", "carrier-grade NAT" },
        { "http://0.0.0.0/hook", "unspecified" },
        { "http://224.0.0.1/hook", "multicast" },
        { "http://255.255.255.255/hook", "broadcast" },
        { "http://[0:0:0:0:0:0:0:1]:9000/hook", "loopback" },
        { "http://[::]/hook", "unspecified" },
        { "http://[fd12:3456::1]/hook", "unique-local" },
        { "http://[fc00::1]/hook", "unique-local" },
        { "http://[fe80::1]/hook", "link-local" },
        { "http://[ff02::1]/hook", "multicast" },
        { "http://[::ffff:127.0.0.1]/hook", "loopback" },
        { "http://[::ffff:169.254.169.254]/hook", "link-local" },
        { "http://[::ffff:10.0.0.1]/hook", "RFC 1918" },
        { "http://[64:ff9b::a00:1]/hook", "RFC 1918" },
        { "http://[2002:c0a8:101::1]/hook", "RFC 1918" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Refuses_local_private_and_odd_spellings(string url, string reason)
    {
        var why = await Policy.WhyRefusedAsync(url, CancellationToken.None);
        Assert.NotNull(why);
        Assert.Contains(reason, why, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://93.184.215.14/hooks/audiomusic")]
    [InlineData("http://8.8.8.8:8080/hook?job=1")]
    [InlineData("https://[2606:4700:4700::1111]/hook")]
    [InlineData("https://172.32.0.1/hook")]
    [InlineData("https://100.128.0.1/hook")]
    [InlineData("http://127.0.0.1:5000/hook")]
    [InlineData("http://receiver.internal/hook")]
    [InlineData("http://RECEIVER.internal:81/hook")]
    [InlineData("http://[::1]:9000/hook")]
    public async Task Allows_public_addresses_and_hosts_allowed_as_written(string url)
    {
        Assert.Null(await Policy.WhyRefusedAsync(url, CancellationToken.None));
    }

    [Theory]
    [InlineData("http://2130706433/hook")]
    [InlineData("http://0x7f.0.0.1/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://127.0.0.1./hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    public async Task Allowing_an_address_does_not_allow_other_spellings_of_it(string url)
    {
        Assert.NotNull(await Policy.WhyRefusedAsync(url, CancellationToken.None));
    }

    [Fact]
    public async Task Loopback_is_refused_without_an_allow_list_and_long_urls_are_refused()
    {
        Assert.Contains("loopback", await Strict.WhyRefusedAsync("http://127.0.0.1:5000/hook", CancellationToken.None), StringComparison.Ordinal);
        var tooLong = "https://93.184.215.14/" + new string('a', CallbackUrlPolicy.MaxLength);
        Assert.Contains("2048", await Strict.WhyRefusedAsync(tooLong, CancellationToken.None), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_refused()
    {
        Assert.Contains("resolve", await Strict.WhyRefusedAsync("https://no-such-host.invalid/hook", CancellationToken.None), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://2130706433/x", "2130706433")]
    [InlineData("http://0x7f.1:80/x", "0x7f.1")]
    [InlineData("http://[::ffff:127.0.0.1]:81/x", "[::ffff:127.0.0.1]")]
    [InlineData("https://u@Host.Example?q", "Host.Example")]
    public void The_host_as_written_is_what_the_allow_list_sees(string url, string host)
    {
        Assert.Equal(host, CallbackUrlPolicy.HostAsWritten(url));
    }

    [Theory]
    [InlineData("93.184.215.14", true)]
    [InlineData("192.0.0.8", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("::127.0.0.1", false)]
    public void Classifies_addresses(string address, bool isPublic)
    {
        Assert.Equal(isPublic, BlockedAddresses.WhyBlocked(IPAddress.Parse(address)) is null);
    }

    [Fact]
    public void Retries_follow_the_schedule_with_bounded_jitter_and_honour_a_longer_retry_after()
    {
        var options = new WebhookOptions { MaxAttempts = 4 };
        var first = WebhookRetrySchedule.DelayAfter(1, "msg_a_1", options, null)!.Value;
        Assert.InRange(first.TotalSeconds, 4, 6);
        Assert.Equal(first, WebhookRetrySchedule.DelayAfter(1, "msg_a_1", options, null));
        Assert.InRange(WebhookRetrySchedule.DelayAfter(2, "msg_a_1", options, null)!.Value.TotalMinutes, 4, 6);
        Assert.Equal(TimeSpan.FromMinutes(20), WebhookRetrySchedule.DelayAfter(1, "msg_a_1", options, TimeSpan.FromMinutes(20)));
        Assert.Null(WebhookRetrySchedule.DelayAfter(4, "msg_a_1", options, null));
    }
}
