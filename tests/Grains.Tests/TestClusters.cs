using AudioMusic.Engines;
using AudioMusic.Grains.Hosting;
using AudioMusic.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace AudioMusic.Grains.Tests;

/// <summary>Starts an in-process Orleans cluster with the service's grains, in-memory storage and the tone engine.</summary>
public static class TestClusters
{
    /// <param name="index">The job index every silo shares; a new in-memory one unless a test wraps its own.</param>
    /// <param name="configureSilo">More for every silo (a test's grain call filter, for one).</param>
    public static async Task<TestCluster> StartAsync(int cpuDevices, IDictionary<string, string?>? settings = null, short silos = 1, IJobIndex? index = null,
        Action<Orleans.Hosting.ISiloBuilder>? configureSilo = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Devices:CpuCount"] = cpuDevices.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Devices:HeartbeatInterval"] = "00:00:01",
            ["Engines:Default"] = ToneEngine.EngineName,
            ["Jobs:LeaseDuration"] = "00:00:03",
            ["Jobs:LeaseRenewInterval"] = "00:00:00.200",
            ["Queue:SweepInterval"] = "00:00:00.500",
            ["Queue:PositionRefresh"] = "00:00:00.050",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        index ??= new Storage.Memory.MemoryJobIndex();
        var artifacts = new Storage.Memory.MemoryArtifactStore(TimeProvider.System);
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Jobs);
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<IMusicEngine, ToneEngine>();
            // One index and one artifact store shared by every silo of the cluster, as PostgreSQL would be.
            silo.Services.AddSingleton<IJobIndex>(index);
            silo.Services.AddSingleton<IArtifactStore>(artifacts);
            silo.AddAudioMusicGrains(configuration);
            configureSilo?.Invoke(silo);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new TestCluster(cluster, index, artifacts);
    }
}

public sealed record TestCluster(InProcessTestCluster Cluster, IJobIndex Index, IArtifactStore Artifacts) : IAsyncDisposable
{
    public IGrainFactory Grains => Cluster.Client;

    public IJobGrain Job(string id) => Grains.GetGrain<IJobGrain>(id);

    public IJobQueueGrain Queue => Grains.GetGrain<IJobQueueGrain>("default");

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
