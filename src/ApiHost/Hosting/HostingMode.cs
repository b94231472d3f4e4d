namespace AudioMusic.ApiHost.Hosting;

public static class HostingMode
{
    public const string Embedded = "Embedded";
    public const string Client = "Client";

    public static bool IsClient(IConfiguration configuration)
    {
        var mode = configuration["Hosting:Mode"] ?? Embedded;
        if (!mode.Equals(Embedded, StringComparison.OrdinalIgnoreCase) && !mode.Equals(Client, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Hosting:Mode must be '{Embedded}' or '{Client}', not '{mode}'.");
        }
        return mode.Equals(Client, StringComparison.OrdinalIgnoreCase);
    }
}
