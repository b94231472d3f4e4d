using AudioMusic.Audio.Codecs;
using AudioMusic.Engines;
using AudioMusic.Engines.BuiltIn;
using AudioMusic.Grains.Devices;
using AudioMusic.Grains.Engines;
using AudioMusic.Grains.Hosting.Sqlite;
using AudioMusic.Grains.Jobs;
using AudioMusic.Grains.Queue;
using AudioMusic.Grains.Webhooks;
using AudioMusic.Planner;
using AudioMusic.Storage;
using AudioMusic.Storage.Memory;
using AudioMusic.Storage.Postgres;
using AudioMusic.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace AudioMusic.Grains.Hosting;

/// <summary>Everything a silo of this service needs, for the standalone silo and the co-hosted embedded default alike.
/// Without <c>ConnectionStrings:AudioMusic</c> it is a single silo on localhost that keeps its library in SQLite and local
/// files (or in memory, with <c>Storage:Provider=Memory</c>); with it, a member of the PostgreSQL-backed cluster.</summary>
public static class SiloHosting
{
    public const string AdoInvariant = "Npgsql";

    public static ISiloBuilder AddAudioMusic(this ISiloBuilder silo, IConfiguration configuration)
    {
        var orleans = OrleansSettings.From(configuration);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = orleans.ClusterId;
            o.ServiceId = orleans.ServiceId;
        });
        // How fast a dead silo is noticed is an operator's trade-off (deploy/README.md). The defaults declare a killed silo
        // dead in under 10 s: a probe every 2 s, suspected after 3 missed probes (Orleans' own defaults take about
        // twice as long). The price: a silo that stalls for more than ~6 s (a long GC pause, a starved CPU) is
        // declared dead too, and stops; its jobs run again elsewhere. Orleans:Membership:* overrides either value.
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 3;
        });
        silo.Configure<ClusterMembershipOptions>(configuration.GetSection("Orleans:Membership"));
        if (orleans.ConnectionString is null)
        {
            silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
            if (StorageServiceCollectionExtensions.ReadOptions(configuration).Provider == StorageProvider.Sqlite)
            {
                // The one-box library: grain states and reminders in its SQLite file, beside the job index.
                silo.Services.AddGrainStorage(StorageNames.Jobs, (services, _) => new SqliteGrainStorage(
                    services.GetRequiredService<SqliteGrainStates>(), services.GetRequiredService<IGrainStorageSerializer>()));
                silo.AddReminders();
                silo.Services.AddSingleton<IReminderTable, SqliteReminderTable>();
                silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, LibraryAnnouncer>();
                silo.Services.AddSingleton<IPostConfigureOptions<WebhookOptions>, LibraryWebhookSecret>();
            }
            else
            {
                // Localhost clustering is one silo, so grain states can live in this process (see SingleSiloGrainStorage).
                silo.Services.AddGrainStorage(StorageNames.Jobs, (services, _) =>
                    new SingleSiloGrainStorage(services.GetRequiredService<IGrainStorageSerializer>()));
                silo.UseInMemoryReminderService();
            }
            // The directory cache remembers where grains of other silos live; with one silo every lookup is local,
            // and caching the address of every job ever activated would only keep garbage alive.
            silo.Configure<GrainDirectoryOptions>(o => o.CachingStrategy = GrainDirectoryOptions.CachingStrategyType.None);
        }
        else
        {
            if (orleans.AdvertisedIPAddress is { } advertised)
            {
                silo.ConfigureEndpoints(advertised, orleans.SiloPort, orleans.GatewayPort, listenOnAnyHostAddress: true);
            }
            else
            {
                silo.ConfigureEndpoints(orleans.SiloPort, orleans.GatewayPort, listenOnAnyHostAddress: true);
            }
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = AdoInvariant;
                o.ConnectionString = orleans.ConnectionString;
            });
            silo.AddAdoNetGrainStorage(StorageNames.Jobs, o =>
            {
                o.Invariant = AdoInvariant;
                o.ConnectionString = orleans.ConnectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = AdoInvariant;
                o.ConnectionString = orleans.ConnectionString;
            });
        }
        silo.Services.AddAudioMusicStorage(configuration);
        if (Telemetry.TelemetrySetup.IsTracing(configuration))
        {
            // Grain calls carry the caller's trace, so a job's spans join the API request that submitted it.
            silo.AddActivityPropagation();
        }
        if (configuration.GetValue("Dashboard:Enabled", true))
        {
            // The Orleans Dashboard's silo side (statistics, profiling); API hosts serve its pages (Dashboard:Path).
            silo.AddDashboard();
        }
        return silo.AddAudioMusicGrains(configuration);
    }

    /// <summary>The grains' services without clustering or storage providers: what a test cluster adds to its silos.</summary>
    public static ISiloBuilder AddAudioMusicGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        // Grain state is stored in Orleans' binary format: version-tolerant through the [Id] attributes, and free of the
        // JSON serializer's surprises with computed properties and records.
        services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        services.AllowDatabaseExceptionsInResponses();
        services.Configure<JobOptions>(configuration.GetSection("Jobs"));
        services.Configure<QueueOptions>(configuration.GetSection("Queue"));
        services.Configure<DeviceOptions>(configuration.GetSection("Devices"));
        services.Configure<EngineOptions>(configuration.GetSection("Engines"));
        services.Configure<Retention.RetentionOptions>(configuration.GetSection("Storage"));
        services.AddWebhooks(configuration);
        // A pending webhook's reminder may fire more often than Orleans' one-minute floor (tests, impatient operators).
        var webhookReminders = configuration.GetSection("Webhooks").GetValue("ReminderPeriod", TimeSpan.FromMinutes(1));
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromTicks(Math.Min(o.MinimumReminderPeriod.Ticks, webhookReminders.Ticks)));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => AudioEncoders.CreateDefault());
        services.TryAddSingleton<IJobIndex, MemoryJobIndex>();
        services.TryAddSingleton<IArtifactStore, MemoryArtifactStore>();
        services.TryAddSingleton<ISongPlanner, RuleBasedSongPlanner>();
        // The built-in engine is always there (it needs no weights); hosts add neural engines beside it.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMusicEngine, BuiltInEngine>(_ => new BuiltInEngine()));
        services.AddSingleton<EngineCatalog>();
        services.AddSingleton<DeviceMatcher>();
        services.AddSingleton<QueuePositionCache>();
        services.AddSingleton<DeviceInventory>();
        services.AddSingleton<JobExecution>();
        services.AddSingleton<DeviceWorkers>();
        services.AddSingleton<Renditions.Transcoder>();
        services.AddSingleton<Waveforms.WaveformMaker>();
        services.AddSingleton<Resilience.Handoff>();
        services.AddSingleton<DeviceHost>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DeviceHost>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, Retention.RetentionHost>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, Telemetry.ClusterGauges>();
        services.AddPlacementDirector<DevicePlacementStrategy, DevicePlacementDirector>();
        return silo;
    }
}

/// <summary>The Orleans settings of both host kinds, read from configuration section "Orleans".</summary>
public sealed record OrleansSettings(string ClusterId, string ServiceId, int SiloPort, int GatewayPort, string? ConnectionString, System.Net.IPAddress? AdvertisedIPAddress)
{
    public static OrleansSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Orleans");
        var connectionString = configuration.GetConnectionString("AudioMusic");
        return new OrleansSettings(
            section["ClusterId"] ?? "audiomusic",
            section["ServiceId"] ?? "audiomusic",
            section.GetValue("SiloPort", 11111),
            section.GetValue("GatewayPort", 30000),
            string.IsNullOrWhiteSpace(connectionString) ? null : PostgresConnectionStrings.WithPoolLimit(connectionString),
            // The address other silos and clients reach this one at; unset, Orleans picks the host's first interface.
            section["AdvertisedIPAddress"] is { Length: > 0 } ip ? System.Net.IPAddress.Parse(ip) : null);
    }
}

/// <summary>Orleans serializes only exceptions from namespaces it knows; a database error inside a grain call (PostgreSQL's
/// "too many clients", SQLite's "disk I/O error") would otherwise reach the caller as a codec error that hides what went
/// wrong.</summary>
public static class DatabaseExceptionSerialization
{
    public static IServiceCollection AllowDatabaseExceptionsInResponses(this IServiceCollection services) =>
        services.Configure<ExceptionSerializationOptions>(o =>
        {
            o.SupportedNamespacePrefixes.Add("Npgsql");
            o.SupportedNamespacePrefixes.Add("Microsoft.Data.Sqlite");
        });
}
