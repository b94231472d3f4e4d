using System.Net;
using AudioMusic.ApiHost.Hosting;
using AudioMusic.Grains.Hosting;

namespace AudioMusic.ApiHost.Access;

/// <summary>Wires API keys into the host, and refuses to start a host that would be open by accident: a cluster's API
/// host, or one listening beyond loopback, needs <c>Auth:Mode</c> said out loud (<c>ApiKeys</c>, or <c>None</c> with a
/// warning in the log).</summary>
public static class AccessSetup
{
    public static void AddApiAccess(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var exposure = Exposure(configuration);
        var configured = configuration["Auth:Mode"];
        if (string.IsNullOrEmpty(configured) && exposure is not null)
        {
            throw new InvalidOperationException(
                $"This API host {exposure}, so it will not start open by accident: set Auth:Mode=ApiKeys (with Auth:AdminKey " +
                "or Auth:AdminKeyHash to manage keys), or Auth:Mode=None to serve without keys on purpose. See docs/security.md.");
        }
        builder.Services.AddOptions<AccessOptions>()
            .Bind(configuration.GetSection("Auth"))
            .PostConfigure(o => o.Mode ??= AuthMode.None)
            .Validate(o => AdminKey.Problem(o) is null, "Auth:AdminKey must be at least 32 characters, and Auth:AdminKeyHash 64 hex digits.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AdminKey>();
        builder.Services.AddSingleton<ApiKeyCache>();
        builder.Services.AddSingleton<KeyRequestWindows>();
        builder.Services.AddSingleton<TenantQuotas>();
        builder.Services.AddHostedService(sp => new AccessStartupNotice(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AccessOptions>>().Value, sp.GetRequiredService<AdminKey>(), exposure,
            sp.GetRequiredService<ILogger<AccessStartupNotice>>()));
    }

    public static void UseApiAccess(this WebApplication app) => app.UseMiddleware<AccessMiddleware>();

    /// <summary>Why this host is reachable by others (a cluster's API host, an address beyond loopback), or null.</summary>
    private static string? Exposure(IConfiguration configuration)
    {
        if (HostingMode.IsClient(configuration) || OrleansSettings.From(configuration).ConnectionString is not null)
        {
            return "serves a cluster";
        }
        var urls = (configuration["Urls"] ?? configuration["ASPNETCORE_URLS"] ?? ApiHostApp.DefaultUrl)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        return urls.FirstOrDefault(u => !IsLoopback(u)) is { } open ? $"listens on {open}" : null;
    }

    private static bool IsLoopback(string url)
    {
        // "*" and "+" (every address) do not parse as a URI host; neither is loopback.
        if (!Uri.TryCreate(url.Replace("://*", "://any", StringComparison.Ordinal).Replace("://+", "://any", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }
        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
