using System.Globalization;

namespace AudioMusic.Api.Bench;

/// <summary>Command line: [--url http://host:port] [--clients 64] [--seconds 20] [--warmup 40] [--submit-rate N]
/// [--status-rate N] [--storage memory|sqlite] [--telemetry on|off] [--keys on|off] [--profile]. Without --url the API host is started in this process on free
/// loopback ports, keeping its jobs in memory or in a one-box library in a temporary folder; without a rate a phase is a
/// closed loop.</summary>
public sealed record LoadOptions(Uri? Url, int Clients, TimeSpan Duration, TimeSpan Warmup, double? SubmitRate, double? StatusRate, bool Profile, string Storage,
    bool Telemetry = true, bool Keys = false)
{
    public static LoadOptions Parse(string[] args)
    {
        Uri? url = null;
        var clients = 64;
        var seconds = 20.0;
        var warmup = 40.0;
        var profile = false;
        var storage = "memory";
        var telemetry = "on";
        var keys = "off";
        double? submitRate = null;
        double? statusRate = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--url": url = new Uri(args[++i]); break;
                case "--clients": clients = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--submit-rate": submitRate = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--status-rate": statusRate = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--storage": storage = args[++i]; break;
                case "--telemetry": telemetry = args[++i]; break;
                case "--keys": keys = args[++i]; break;
                case "--profile": profile = true; break;
                default: throw new ArgumentException($"unknown argument '{args[i]}' (expected --url, --clients, --seconds, --warmup, --submit-rate, --status-rate, --storage, --telemetry, --keys, --profile)");
            }
        }
        if (clients < 1 || seconds <= 0 || seconds > 600 || warmup < 0 || submitRate <= 0 || statusRate <= 0 || storage is not ("memory" or "sqlite") || telemetry is not ("on" or "off") || keys is not ("on" or "off") || (keys == "on" && url is not null))
        {
            throw new ArgumentException("--clients must be >= 1, --seconds in (0, 600], --warmup >= 0, rates > 0, --storage memory or sqlite, --telemetry and --keys on or off (--keys only without --url)");
        }
        return new LoadOptions(url, clients, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmup), submitRate, statusRate, profile, storage, telemetry == "on", keys == "on");
    }
}
