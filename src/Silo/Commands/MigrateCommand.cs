using AudioMusic.Storage.Migrations;
using Microsoft.Extensions.Configuration;

namespace AudioMusic.Silo.Commands;

/// <summary><c>migrate</c>: creates the PostgreSQL database when it is missing and the role may, applies the schema,
/// and exits. Set-up errors are one line an operator can act on, never a stack trace.</summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] settings)
    {
        var connectionString = CommandConfiguration.Build(settings).GetConnectionString("AudioMusic");
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
}
