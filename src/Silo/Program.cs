using AudioMusic.Grains.Hosting;
using AudioMusic.Silo;
using AudioMusic.Storage.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

// `migrate` applies the PostgreSQL schema and exits; anything else runs the silo.
if (args.Length > 0 && args[0] == "migrate")
{
    var configuration = new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(args[1..])
        .Build();
    var connectionString = configuration.GetConnectionString("AudioMusic");
    if (string.IsNullOrWhiteSpace(connectionString))
    {
        Console.Error.WriteLine("migrate needs ConnectionStrings:AudioMusic (e.g. --ConnectionStrings:AudioMusic=\"Host=...;Database=...\" or ConnectionStrings__AudioMusic).");
        return 2;
    }
    try
    {
        if (await DatabaseCreator.EnsureExistsAsync(connectionString, CancellationToken.None))
        {
            Console.WriteLine($"Created database \"{new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database}\".");
        }
        var report = await new SchemaMigrator().MigrateAsync(connectionString, CancellationToken.None);
        Console.WriteLine($"Schema version {report.SchemaVersion}: applied {report.Applied.Count} migration(s), {report.AlreadyApplied} already applied.");
        foreach (var script in report.Applied)
        {
            Console.WriteLine($"  applied {script.Name}");
        }
        return 0;
    }
    catch (SchemaMigrationException ex)
    {
        Console.Error.WriteLine($"migrate failed: {ex.Message}");
        return 1;
    }
    // Set-up errors are one line an operator can act on, never a stack trace.
    catch (DatabaseCreationException ex)
    {
        Console.Error.WriteLine($"migrate: {ex.Message}");
        return 2;
    }
    catch (Exception ex) when (ex is Npgsql.NpgsqlException or ArgumentException or System.Net.Sockets.SocketException)
    {
        Console.Error.WriteLine($"migrate: cannot reach the database: {ex.GetBaseException().Message}");
        return 2;
    }
}

var builder = Host.CreateApplicationBuilder(args);
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
catch (AudioMusic.Storage.Local.LibraryInUseException ex)
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
