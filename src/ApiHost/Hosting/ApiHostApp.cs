using AudioMusic.ApiHost.Access;
using AudioMusic.ApiHost.Downloads;
using AudioMusic.ApiHost.OpenApi;
using AudioMusic.ApiHost.Submission;
using AudioMusic.Contracts;
using AudioMusic.Domain;
using AudioMusic.Engines.AceStep;
using AudioMusic.Grains.Hosting;
using AudioMusic.Grains.Telemetry;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace AudioMusic.ApiHost.Hosting;

/// <summary>Builds the API host. <c>Hosting:Mode</c> = <c>Embedded</c> (default: a co-hosted silo) or <c>Client</c>
/// (an Orleans client of a separately running cluster).</summary>
public static class ApiHostApp
{
    public const string DefaultUrl = "http://localhost:5080";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration["Urls"]) && string.IsNullOrEmpty(configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        if (HostingMode.IsClient(configuration))
        {
            builder.UseOrleansClient(client => client.AddAudioMusicClient(configuration));
            // The client retries until a silo answers; starting hosted services concurrently lets the web server listen
            // meanwhile, so /health/live answers and /health/ready says "not yet" instead of the port being closed.
            builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
            builder.Services.AddAudioMusicClientServices(configuration);
        }
        else
        {
            EmbeddedPorts.ChooseFreePortsUnlessSet(configuration);
            builder.UseOrleans(silo =>
            {
                silo.AddAudioMusic(configuration);
                // The neural engine exactly as a standalone silo offers it (Engines:AceStep:*, Devices:UseCuda).
                silo.Services.AddAceStepEngines(configuration);
            });
        }

        builder.Services.AddControllers(o => o.Filters.Add<Json.Utf8BodyFilter>())
            // Explicit: when a test process hosts the API, the entry assembly is the test runner's.
            .AddApplicationPart(typeof(ApiHostApp).Assembly)
            .AddJsonOptions(o => ApiJson.Configure(o.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(o => o.InvalidModelStateResponseFactory = context =>
                Problems.Problems.Validation(context.ModelState
                    .Where(e => e.Value?.Errors.Count > 0)
                    .SelectMany(e => e.Value!.Errors.Select(err => new FieldError(FieldName(e.Key), BodyError(err))))));
        builder.Services.AddProblemDetails();
        TelemetrySetup.ConfigureLogging(builder.Logging, configuration);
        var dashboardPath = Operations.OperatorRoutes.DashboardPath(configuration);
        builder.Services.AddAudioMusicTelemetry(configuration, HostingMode.IsClient(configuration) ? "audiomusic-api" : "audiomusic",
            metrics => metrics.AddAspNetCoreInstrumentation().AddPrometheusExporter(),
            tracing => tracing.AddAspNetCoreInstrumentation(o => o.Filter = http => !Operations.OperatorRoutes.IsQuiet(http.Request.Path, dashboardPath)));
        builder.Services.AddAudioMusicOpenApi();
        builder.Services.AddHealthChecks().AddCheck<ClusterReadyCheck>("cluster", tags: ["ready"]);
        builder.AddApiAccess();
        builder.Services.AddSingleton<JobSubmitter>();
        builder.Services.AddSingleton<Webhooks.WebhookFields>();
        builder.Services.AddSingleton(sp => new DiskSpaceGuard(sp.GetRequiredService<AudioMusic.Storage.IArtifactStore>(),
            configuration.GetValue("Storage:MinFreeDiskMb", DiskSpaceGuard.DefaultMinFreeMb)));
        builder.Services.AddSingleton<AudioDownloads>();
        builder.Services.AddSingleton(new Resilience.ClusterReads(TimeProvider.System, configuration.GetValue("Api:ReadRetryBound", TimeSpan.FromSeconds(15)),
            configuration.GetValue("Api:ReadAttemptTimeout", TimeSpan.FromSeconds(2))));
        builder.Services.AddSingleton<Resilience.JobLookup>();

        var app = builder.Build();
        app.UseExceptionHandler(error => error.Run(WriteUnhandledProblemAsync));
        app.UseStatusCodePages(WriteStatusProblemAsync);
        app.UseApiAccess();
        Studio.StudioRoutes.Map(app, configuration);
        app.MapControllers();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", o => o.WithTitle("AudioMusic V2 API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        Operations.OperatorRoutes.Map(app, configuration);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        return app;
    }

    /// <summary>MVC names body errors by JSON path ("$.x") or by parameter ("body"); clients see the field.</summary>
    private static string FieldName(string key) => key switch
    {
        "" or "$" or "body" => "body",
        _ when key.StartsWith("$.", StringComparison.Ordinal) => key[2..],
        _ => key,
    };

    private static string BodyError(Microsoft.AspNetCore.Mvc.ModelBinding.ModelError error) =>
        string.IsNullOrEmpty(error.ErrorMessage) ? "is not valid JSON" : error.ErrorMessage.Contains("non-empty request body", StringComparison.Ordinal)
            ? "a JSON object is required" : error.ErrorMessage;

    private static async Task WriteUnhandledProblemAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiHostApp))
            .LogError(error, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        var (status, title) = UnhandledErrors.Classify(error);
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "5";
        }
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = title,
                Type = status == StatusCodes.Status413PayloadTooLarge ? "/problems/too-large" : "/problems/server",
                Detail = status == StatusCodes.Status413PayloadTooLarge
                    ? $"Bodies are limited to {Controllers.ApiLimits.MaxRequestBodyBytes} bytes."
                    : error is BadHttpRequestException ? error.Message : null,
            },
        });
    }

    /// <summary>Bodiless error statuses (unknown route, wrong method, 415) get a problem document too.</summary>
    private static async Task WriteStatusProblemAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Type = "/problems/http",
                Title = ReasonPhrase(status),
                Detail = status switch
                {
                    StatusCodes.Status404NotFound => $"no route {http.Request.Method} {http.Request.Path}",
                    StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not allowed on {http.Request.Path}",
                    StatusCodes.Status415UnsupportedMediaType => "send the body as application/json",
                    _ => null,
                },
            },
        });
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
