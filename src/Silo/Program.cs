using AudioMusic.Grains.Hosting;
using AudioMusic.Grains.Telemetry;
using OpenTelemetry.Metrics;
using AudioMusic.Engines.AceStep;
using AudioMusic.Silo.Commands;
using AudioMusic.Storage.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

// Verbs: `migrate` applies the PostgreSQL schema, `export`/`import` move a library, `keys create` makes an API key
// before the service runs; anything else runs the silo.
switch (args.FirstOrDefault())
{
    case "migrate":
        return await MigrateCommand.RunAsync(args[1..]);
    case "keys":
        return await KeysCommand.RunAsync(args[1..]);
    case "export" or "import":
        return await TransferCommand.RunAsync(args[0], args[1..]);
}

var builder = Host.CreateApplicationBuilder(args);
TelemetrySetup.ConfigureLogging(builder.Logging, builder.Configuration);
// Prometheus scrapes a silo on Metrics:Port (unset: no listener; the deploy files set 9464, OpenTelemetry's usual port).
var metricsPort = builder.Configuration.GetValue<int?>("Metrics:Port");
builder.Services.AddAudioMusicTelemetry(builder.Configuration, "audiomusic-silo", metrics =>
{
    if (metricsPort is { } port)
    {
        metrics.AddPrometheusHttpListener(o =>
        {
            o.Port = port;
            // Every interface, so Prometheus reaches it from outside the container or pod (the option's Host takes
            // only a host name).
            o.ConfigureHttpListener = (_, listener) =>
            {
                listener.Prefixes.Clear();
                listener.Prefixes.Add($"http://*:{port}/");
            };
        });
    }
});
if (builder.Configuration.GetValue("Storage:MigrateOnStartup", false) && builder.Configuration.GetConnectionString("AudioMusic") is { Length: > 0 } cs)
{
    await new SchemaMigrator().MigrateAsync(cs, CancellationToken.None);
}
try
{
    builder.UseOrleans(silo =>
    {
        silo.AddAudioMusic(builder.Configuration);
        silo.Services.AddAceStepEngines(builder.Configuration);
        if (builder.Configuration.GetValue("Orleans:Kubernetes", false))
        {
            // In a pod: endpoints from the pod's address, and a deleted pod is declared dead at once (deploy/kubernetes).
            silo.UseKubernetesHosting();
        }
    });
}
catch (AudioMusic.Storage.Local.LibraryException ex)
{
    Console.Error.WriteLine($"silo: {ex.Message}");
    return 2;
}
using var host = builder.Build();
try
{
    await host.RunAsync();
}
catch (Exception ex) when (ex.GetBaseException() is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
{
    var orleans = OrleansSettings.From(builder.Configuration);
    Console.Error.WriteLine($"silo: port {orleans.SiloPort} (Orleans:SiloPort) or {orleans.GatewayPort} (Orleans:GatewayPort) is in use by another process; stop it or choose other ports.");
    return 2;
}
return 0;
