using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AudioMusic.Grains.Telemetry;

/// <summary>OpenTelemetry for both kinds of process: the service's meter and spans, Orleans' own meters and spans,
/// the .NET runtime's meters; each host adds its Prometheus endpoint and its own instrumentation through the
/// callbacks. OTLP export is on when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable is set (the other
/// <c>OTEL_*</c> variables apply as the SDK defines them). Traces are recorded only when something receives them
/// (<see cref="IsTracing"/>): a span for every request and grain call costs CPU on every request, measured at a third
/// more per submit (docs/benchmarks.md). <c>Telemetry:Enabled=false</c> turns all of it off.</summary>
public static class TelemetrySetup
{
    /// <summary>Orleans 10's meter and activity sources.</summary>
    private static readonly string[] OrleansMeters = ["Microsoft.Orleans"];
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue("Telemetry:Enabled", true);

    /// <summary><c>Telemetry:Tracing</c>; unset, on exactly when an OTLP endpoint is configured to send the spans to.</summary>
    public static bool IsTracing(IConfiguration configuration) =>
        IsEnabled(configuration) && configuration.GetValue("Telemetry:Tracing", HasOtlpEndpoint(configuration));

    private static bool HasOtlpEndpoint(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static IServiceCollection AddAudioMusicTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName,
        Action<MeterProviderBuilder>? metrics = null, Action<TracerProviderBuilder>? tracing = null)
    {
        if (!IsEnabled(configuration))
        {
            return services;
        }
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceInstanceId: Environment.MachineName + "/" + Environment.ProcessId))
            .WithMetrics(m =>
            {
                m.AddMeter(AudioMusicTelemetry.Name).AddMeter(OrleansMeters).AddRuntimeInstrumentation();
                metrics?.Invoke(m);
            });
        if (IsTracing(configuration))
        {
            telemetry.WithTracing(t =>
            {
                t.AddSource(AudioMusicTelemetry.Name).AddSource(OrleansSources);
                tracing?.Invoke(t);
            });
        }
        if (HasOtlpEndpoint(configuration))
        {
            telemetry.UseOtlpExporter();
        }
        return services;
    }

    /// <summary><c>Logging:Json=true</c>: one JSON object per line with the scopes (job id, attempt, device) as fields,
    /// for log shippers.</summary>
    public static void ConfigureLogging(ILoggingBuilder logging, IConfiguration configuration)
    {
        if (configuration.GetValue("Logging:Json", false))
        {
            logging.ClearProviders();
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
    }
}
