using System.Diagnostics;
using System.Globalization;
using AudioMusic.Dispatch.Bench;
using AudioMusic.Domain;
using AudioMusic.Engines;
using AudioMusic.Grains;
using AudioMusic.Grains.Hosting;
using AudioMusic.Storage;
using AudioMusic.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

// Usage: Dispatch.Bench [--jobs 400] [--devices-per-silo 2] [--postgres "Host=...;Username=...;Password=..."]
// Submits --jobs jobs at once to a cluster of 1 and then 3 silos whose devices run an engine that returns 0.1 s of
// silence at once, waits for all to complete, and reports jobs dispatched per second and the scheduler overhead (job
// created -> attempt started) from the jobs' own timestamps; then times status reads of those jobs, and the same
// overhead for single jobs on an idle queue. Storage is in memory, or with --postgres (a role that may create
// databases) what the cluster mode uses: grain state, reminders, job index and artifacts in a fresh PostgreSQL
// database per run, created and migrated here and dropped afterwards.
var jobs = int.Parse(Option("--jobs") ?? "400", CultureInfo.InvariantCulture);
var devicesPerSilo = int.Parse(Option("--devices-per-silo") ?? "2", CultureInfo.InvariantCulture);
var postgresServer = Option("--postgres");
Console.WriteLine($"dispatch bench: {jobs} jobs, {devicesPerSilo} CPU devices per silo, " +
                  $"{(postgresServer is null ? "in-memory storage" : "PostgreSQL storage")}, {Environment.ProcessorCount} logical CPUs");

foreach (short silos in new short[] { 1, 3 })
{
    await using var database = postgresServer is null ? null : await BenchDatabase.CreateAsync(postgresServer);
    await using var cluster = await StartClusterAsync(silos, devicesPerSilo, database?.ConnectionString);
    var grains = cluster.Client;
    var clock = Stopwatch.StartNew();
    var ids = await Task.WhenAll(Enumerable.Range(0, jobs).Select(async i =>
    {
        var id = Guid.CreateVersion7().ToString();
        var outcome = await grains.GetGrain<IJobGrain>(id).Submit(new JobSubmission(
            new GenerationRequest { Task = MusicTask.Text2Music, Caption = "bench", DurationSeconds = 1, Format = AudioFormat.Wav }, i, Owner: null, Plan: null));
        return outcome.Status == SubmitStatus.Accepted ? id : throw new InvalidOperationException($"submit refused: {outcome.Status} {outcome.Error}");
    }));
    var submitted = clock.Elapsed;
    var views = await WaitForAllAsync(grains, ids, TimeSpan.FromMinutes(3));
    var finished = clock.Elapsed;
    var overheads = views.Select(v => (v.StartedAt!.Value - v.CreatedAt).TotalMilliseconds).Order().ToArray();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{silos} silo(s): {jobs} jobs submitted in {submitted.TotalSeconds:F2} s, all completed after {finished.TotalSeconds:F2} s: " +
        $"{jobs / finished.TotalSeconds:F0} jobs dispatched/s; created->started p50 {Quantile(overheads, 0.5):F0} ms, p99 {Quantile(overheads, 0.99):F0} ms"));

    var reads = 0;
    var readClock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
    {
        while (readClock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await grains.GetGrain<IJobGrain>(ids[Random.Shared.Next(ids.Length)]).GetView();
            Interlocked.Increment(ref reads);
        }
    }));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{silos} silo(s): {reads / readClock.Elapsed.TotalSeconds:F0} status reads/s (IJobGrain.GetView from the cluster client, 64 concurrent)"));

    // One job at a time on an idle queue: created -> started is then the scheduling path alone, not waiting in line.
    var idle = new List<double>();
    for (var i = 0; i < 20; i++)
    {
        var id = Guid.CreateVersion7().ToString();
        await grains.GetGrain<IJobGrain>(id).Submit(new JobSubmission(
            new GenerationRequest { Task = MusicTask.Text2Music, Caption = "bench", DurationSeconds = 1, Format = AudioFormat.Wav }, i, Owner: null, Plan: null));
        var view = (await WaitForAllAsync(grains, [id], TimeSpan.FromSeconds(30)))[0];
        idle.Add((view.StartedAt!.Value - view.CreatedAt).TotalMilliseconds);
    }
    var idleSorted = idle.Order().ToArray();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{silos} silo(s): idle queue, one job at a time (20): created->started p50 {Quantile(idleSorted, 0.5):F1} ms, p99 {Quantile(idleSorted, 0.99):F1} ms"));
}
return 0;

string? Option(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

static double Quantile(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

static async Task<JobView[]> WaitForAllAsync(IGrainFactory grains, string[] ids, TimeSpan timeout)
{
    var deadline = Stopwatch.StartNew();
    while (true)
    {
        var views = await Task.WhenAll(ids.Select(id => grains.GetGrain<IJobGrain>(id).GetView()));
        if (views.All(v => v is { Status: JobStatus.Completed }))
        {
            return views!;
        }
        var failed = views.FirstOrDefault(v => v?.Status is JobStatus.Failed);
        if (failed is not null)
        {
            throw new InvalidOperationException($"job {failed.Id} failed: {failed.ErrorMessage}");
        }
        if (deadline.Elapsed > timeout)
        {
            throw new TimeoutException($"{views.Count(v => v?.Status != JobStatus.Completed)} jobs still not completed");
        }
        await Task.Delay(50);
    }
}

static async Task<InProcessTestCluster> StartClusterAsync(short silos, int devicesPerSilo, string? connectionString)
{
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Devices:CpuCount"] = devicesPerSilo.ToString(CultureInfo.InvariantCulture),
        ["Engines:Default"] = SilenceEngine.EngineName,
        ["Queue:Capacity"] = "1000000",
    }).Build();
    var index = new AudioMusic.Storage.Memory.MemoryJobIndex();
    var artifacts = new AudioMusic.Storage.Memory.MemoryArtifactStore(TimeProvider.System);
    var builder = new InProcessTestClusterBuilder(silos);
    var orleansConnectionString = connectionString is null ? null : PostgresConnectionStrings.WithPoolLimit(connectionString);
    builder.ConfigureSilo((_, silo) =>
    {
        if (orleansConnectionString is null)
        {
            silo.AddMemoryGrainStorage(StorageNames.Jobs);
            silo.UseInMemoryReminderService();
            // One index and one artifact store shared by every silo, as PostgreSQL would be.
            silo.Services.AddSingleton<IJobIndex>(index);
            silo.Services.AddSingleton<IArtifactStore>(artifacts);
        }
        else
        {
            // What a cluster-mode silo uses (SiloHosting.AddAudioMusic), minus ADO.NET clustering: the test cluster
            // keeps its own membership so that the figures are about storage and dispatch, not joining.
            silo.AddAdoNetGrainStorage(StorageNames.Jobs, o =>
            {
                o.Invariant = SiloHosting.AdoInvariant;
                o.ConnectionString = orleansConnectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = SiloHosting.AdoInvariant;
                o.ConnectionString = orleansConnectionString;
            });
            silo.Services.AddAudioMusicStorage(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString });
        }
        silo.Services.AddSingleton<IMusicEngine, SilenceEngine>();
        silo.AddAudioMusicGrains(configuration);
    });
    var cluster = builder.Build();
    await cluster.DeployAsync();
    return cluster;
}
