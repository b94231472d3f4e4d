using System.Net;
using System.Net.Sockets;

namespace AudioMusic.Grains.Webhooks;

/// <summary>Addresses a webhook must never reach unless its host is allowed by name: whatever is not the public
/// internet (the host itself, private networks, the cloud metadata address, carrier-grade NAT, multicast). IPv6 forms
/// that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that address.</summary>
public static class BlockedAddresses
{
    /// <summary>Why <paramref name="address"/> is refused, or null when it is a public address.</summary>
    public static string? WhyBlocked(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return WhyBlockedV6(address);
        }
        var b = address.GetAddressBytes();
        return b switch
        {
            [0, ..] => "is an unspecified ('this network') address",
            [10, ..] => "is a private (RFC 1918) address",
            [127, ..] => "is a loopback address",
            [169, 254, ..] => "is a link-local address (the cloud metadata address among them)",
            [172, >= 16 and <= 31, ..] => "is a private (RFC 1918) address",
            [192, 168, ..] => "is a private (RFC 1918) address",
            [192, 0, 0, _] => "is an IETF protocol assignment address",
            [100, >= 64 and <= 127, ..] => "is a carrier-grade NAT (100.64/10) address",
            [198, 18 or 19, ..] => "is a benchmarking network address",
            [>= 224 and <= 239, ..] => "is a multicast address",
            [>= 240, ..] => "is a reserved or broadcast address",
            _ => null,
        };
    }

    private static string? WhyBlockedV6(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return WhyBlocked(address.MapToIPv4());
        }
        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return "is a loopback address";
        }
        if (address.Equals(IPAddress.IPv6Any))
        {
            return "is an unspecified address";
        }
        var b = address.GetAddressBytes();
        if (b[0] == 0xff)
        {
            return "is a multicast address";
        }
        if ((b[0] & 0xfe) == 0xfc)
        {
            return "is a unique-local (fc00::/7) address";
        }
        if (b[0] == 0xfe && (b[1] & 0xc0) is 0x80 or 0xc0)
        {
            return "is a link-local or site-local address";
        }
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            // ::a.b.c.d, the deprecated IPv4-compatible form.
            return WhyBlocked(new IPAddress(b.AsSpan(12, 4)));
        }
        if (b is [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..])
        {
            // 64:ff9b::/96, NAT64: the gateway would connect to the embedded IPv4 address.
            return WhyBlocked(new IPAddress(b.AsSpan(12, 4)));
        }
        if (b is [0x20, 0x02, ..])
        {
            // 2002::/16, 6to4: the IPv4 address is in bytes 2 to 5.
            return WhyBlocked(new IPAddress(b.AsSpan(2, 4)));
        }
        return null;
    }
}
