using System.Globalization;
using AudioMusic.Grains.Access;
using AudioMusic.Grains.Transfer;
using AudioMusic.Storage.Local;
using Microsoft.Extensions.Configuration;

namespace AudioMusic.Silo.Commands;

/// <summary><c>keys create --Key:Name=… [--Key:Tenant=…] [--Key:MaxConcurrentJobs=N] [--Key:MaxQueuedJobs=N]
/// [--Key:RequestsPerMinute=N] [--Key:MonthlyAudioSeconds=N]</c> makes a tenant key in the configured library or
/// cluster without a running service, and prints it once: the first key of an operator who scripts the set-up.
/// Once the service runs, the admin routes manage keys (docs/security.md).</summary>
internal static class KeysCommand
{
    public static async Task<int> RunAsync(string[] arguments)
    {
        if (arguments.FirstOrDefault() != "create")
        {
            Console.Error.WriteLine("usage: keys create --Key:Name=<what it is for> [--Key:Tenant=<tenant>] [--Key:MaxConcurrentJobs=N] [--Key:MaxQueuedJobs=N] " +
                                    "[--Key:RequestsPerMinute=N] [--Key:MonthlyAudioSeconds=N] [--Storage:DataDirectory=… | --ConnectionStrings:AudioMusic=…]");
            return 2;
        }
        var configuration = CommandConfiguration.Build(arguments[1..]);
        var section = configuration.GetSection("Key");
        var name = section["Name"]?.Trim();
        var tenant = section["Tenant"] ?? "t_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
        var problems = new List<string>();
        if (string.IsNullOrEmpty(name) || name.Length > 100 || name.Any(char.IsControl))
        {
            problems.Add("--Key:Name must be 1–100 characters, none of them control characters");
        }
        if (tenant.Length is 0 or > 64 || tenant == "anonymous" || !tenant.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            problems.Add("--Key:Tenant must be 1–64 letters, digits, '.', '_' or '-', and not 'anonymous'");
        }
        var limits = new KeyLimits(Limit(section, "MaxConcurrentJobs", problems), Limit(section, "MaxQueuedJobs", problems),
            Limit(section, "RequestsPerMinute", problems), Limit(section, "MonthlyAudioSeconds", problems));
        if (problems.Count > 0)
        {
            problems.ForEach(p => Console.Error.WriteLine($"keys create: {p}"));
            return 2;
        }
        try
        {
            await using var stores = await TransferStores.OpenAsync(configuration, CancellationToken.None);
            var (id, key) = ApiKeyFormat.NewKey();
            var record = new ApiKeyRecord(id, name!, tenant, ApiKeyFormat.Sha256Hex(key), limits, stores.Time.GetUtcNow(), null, null);
            if (!await OfflineKeyRegistry.CreateAsync(stores.Grains, record, CancellationToken.None))
            {
                Console.Error.WriteLine("keys create: that key id is taken; run the command again");
                return 2;
            }
            // The key is shown this once; only its hash is stored.
            Console.WriteLine($"id: {id}");
            Console.WriteLine($"tenant: {tenant}");
            Console.WriteLine($"key: {key}");
            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or Npgsql.NpgsqlException or System.Net.Sockets.SocketException
                                       or Orleans.Storage.InconsistentStateException)
        {
            Console.Error.WriteLine($"keys create: {(ex is LibraryException ? ex.Message : ex.GetBaseException().Message)}");
            return 2;
        }
    }

    private static int? Limit(IConfigurationSection section, string name, List<string> problems)
    {
        if (section[name] is not { } text)
        {
            return null;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 1_000_000)
        {
            return value;
        }
        problems.Add($"--Key:{name} must be an integer from 1 to 1000000");
        return null;
    }
}
