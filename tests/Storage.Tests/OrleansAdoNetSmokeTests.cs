using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace AudioMusic.Storage.Tests;

/// <summary>Runs a real silo on the migrated schema with the Orleans ADO.NET providers (Invariant "Npgsql"): proof that
/// the query keys, parameter names and result columns in deploy/sql are the ones Orleans uses.</summary>
public sealed class OrleansAdoNetSmokeTests(MigratedPostgresDatabaseFixture database) : IClassFixture<MigratedPostgresDatabaseFixture>
{
    private const string Invariant = "Npgsql";

    [SkippableFact]
    public async Task A_silo_joins_the_cluster_persists_grain_state_and_keeps_reminders_in_postgres()
    {
        var connectionString = database.RequireDatabase();
        var clusterId = "smoke-" + Guid.NewGuid().ToString("N")[..8];
        using var host = BuildSilo(connectionString, clusterId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var grain = grains.GetGrain<IStorageSmokeGrain>("song-1");

            // Insert (no ETag) then update (ETag 1) through WriteToStorageKey.
            await grain.SetAsync("first take");
            await grain.SetAsync("second take");
            var firstActivation = await grain.ActivationIdAsync();
            await grain.DeactivateAsync();
            // A new activation has nothing but ReadFromStorageKey to learn the value from.
            Assert.Equal("second take", await grain.GetAsync());
            Assert.NotEqual(firstActivation, await grain.ActivationIdAsync());

            await grain.ClearAsync();
            await grain.DeactivateAsync();
            Assert.Null(await grain.GetAsync());
            await grain.SetAsync("third take");
            Assert.Equal(["4"], await QueryAsync(connectionString, "SELECT version::text FROM orleans_storage"));

            await grain.RegisterReminderAsync("nightly-cleanup");
            Assert.Equal(["nightly-cleanup"], await grain.ReminderNamesAsync());
            Assert.Equal(["nightly-cleanup"], await QueryAsync(connectionString, "SELECT reminder_name FROM orleans_reminders"));
            await grain.UnregisterReminderAsync("nightly-cleanup");
            Assert.Empty(await grain.ReminderNamesAsync());
            Assert.Empty(await QueryAsync(connectionString, "SELECT reminder_name FROM orleans_reminders"));

            // SiloStatus.Active is 3.
            Assert.Equal(["3"], await QueryAsync(connectionString,
                $"SELECT status::text FROM orleans_membership WHERE deployment_id = '{clusterId}'"));

            var aliveBefore = Assert.Single(await QueryAsync(connectionString,
                $"SELECT i_am_alive_time::text FROM orleans_membership WHERE deployment_id = '{clusterId}'"));

            // An external client, as an API host is, finds the gateway through GatewaysQueryKey.
            using var client = BuildClient(connectionString, clusterId);
            await client.StartAsync(timeout.Token);
            try
            {
                var viaGateway = client.Services.GetRequiredService<IClusterClient>().GetGrain<IStorageSmokeGrain>("song-1");
                Assert.Equal("third take", await viaGateway.GetAsync());
            }
            finally
            {
                await client.StopAsync(CancellationToken.None);
            }

            // Heartbeats (UpdateIAmAlivetimeKey) move the silo's alive time forward.
            Assert.True(await EventuallyAsync(async () => (await QueryAsync(connectionString,
                $"SELECT (i_am_alive_time > '{aliveBefore}'::timestamptz)::text FROM orleans_membership WHERE deployment_id = '{clusterId}'"))
                .SequenceEqual(["true"])));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
        // A graceful shutdown marks the silo dead (6) through UpdateMembershipKey.
        Assert.Equal(["6"], await QueryAsync(connectionString,
            $"SELECT status::text FROM orleans_membership WHERE deployment_id = '{clusterId}'"));
    }

    private static IHost BuildSilo(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = "audiomusic-storage-tests";
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, FreePort(), FreePort());
            // Publish heartbeats every second instead of every few minutes, so the test sees one.
            silo.Configure<ClusterMembershipOptions>(options => options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1));
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = Invariant;
                options.ConnectionString = connectionString;
            });
            silo.AddAdoNetGrainStorage("Default", options =>
            {
                options.Invariant = Invariant;
                options.ConnectionString = connectionString;
            });
            silo.UseAdoNetReminderService(options =>
            {
                options.Invariant = Invariant;
                options.ConnectionString = connectionString;
            });
        });
        return builder.Build();
    }

    private static IHost BuildClient(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = "audiomusic-storage-tests";
            });
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = Invariant;
                options.ConnectionString = connectionString;
            });
        });
        return builder.Build();
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(100);
        }
        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task<List<string>> QueryAsync(string connectionString, string sql) =>
        SchemaMigratorTests.QueryStringsAsync(connectionString, sql);
}

public interface IStorageSmokeGrain : IGrainWithStringKey
{
    Task SetAsync(string value);

    Task<string?> GetAsync();

    Task ClearAsync();

    Task<Guid> ActivationIdAsync();

    Task DeactivateAsync();

    Task RegisterReminderAsync(string name);

    Task UnregisterReminderAsync(string name);

    Task<List<string>> ReminderNamesAsync();
}

[GenerateSerializer]
public sealed class SmokeState
{
    [Id(0)]
    public string? Value { get; set; }
}

public sealed class StorageSmokeGrain([PersistentState("smoke", "Default")] IPersistentState<SmokeState> state)
    : Grain, IStorageSmokeGrain, IRemindable
{
    private readonly Guid _activationId = Guid.NewGuid();

    public async Task SetAsync(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public Task<string?> GetAsync() => Task.FromResult(state.State.Value);

    public Task ClearAsync() => state.ClearStateAsync();

    public Task<Guid> ActivationIdAsync() => Task.FromResult(_activationId);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    // Due far in the future: the test checks registration and storage, not delivery.
    public Task RegisterReminderAsync(string name) =>
        this.RegisterOrUpdateReminder(name, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public async Task UnregisterReminderAsync(string name)
    {
        var reminder = await this.GetReminder(name) ?? throw new InvalidOperationException($"No reminder '{name}'.");
        await this.UnregisterReminder(reminder);
    }

    public async Task<List<string>> ReminderNamesAsync() =>
        (await this.GetReminders()).Select(r => r.ReminderName).ToList();

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
