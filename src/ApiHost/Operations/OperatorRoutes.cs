using AudioMusic.Grains.Telemetry;
using Orleans.Dashboard;

namespace AudioMusic.ApiHost.Operations;

/// <summary>The operators' pages beside the API: Prometheus' <c>/metrics</c> and the Orleans Dashboard
/// (<c>Dashboard:Path</c>, default <c>/dashboard</c>; in client mode it shows the cluster's silos). With API keys on
/// both want the admin key (<see cref="Access.AccessMiddleware"/>); with keys off, keep them off the public network
/// (docs/operations.md).</summary>
public static class OperatorRoutes
{
    public const string MetricsPath = "/metrics";
    public const string DefaultDashboardPath = "/dashboard";

    public static void Map(WebApplication app, IConfiguration configuration)
    {
        // Operators' pages, not part of the API: the OpenAPI document leaves them out.
        if (TelemetrySetup.IsEnabled(configuration))
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath).ExcludeFromDescription();
        }
        if (configuration.GetValue("Dashboard:Enabled", true))
        {
            app.MapOrleansDashboard(DashboardPath(configuration)).ExcludeFromDescription();
        }
    }

    public static string DashboardPath(IConfiguration configuration) => configuration["Dashboard:Path"] is { Length: > 1 } path ? path.TrimEnd('/') : DefaultDashboardPath;

    /// <summary>Scrapes, health probes and the dashboard's own polling are not traced: they would outnumber the API's
    /// requests many times over.</summary>
    public static bool IsQuiet(PathString path, string dashboardPath) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/health") || path.StartsWithSegments(dashboardPath);
}
