using AudioMusic.Grains.Transfer;
using AudioMusic.Storage.Local;

namespace AudioMusic.Silo.Commands;

/// <summary><c>export &lt;file&gt;</c> writes every finished job of the configured library or cluster (the one-box library
/// by default, PostgreSQL with ConnectionStrings:AudioMusic) into one file; <c>import &lt;file&gt;</c> brings such a file
/// into the configured one. Moving from the one-box default to a cluster is an export on the machine, then an import
/// with the cluster's connection string (after <c>migrate</c>).</summary>
internal static class TransferCommand
{
    public static async Task<int> RunAsync(string verb, string[] arguments)
    {
        if (arguments.Length == 0 || arguments[0].StartsWith("--", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"usage: {verb} <file> [--Storage:DataDirectory=<library folder> | --ConnectionStrings:AudioMusic=<cluster database>]");
            return 2;
        }
        var path = Path.GetFullPath(arguments[0]);
        var configuration = CommandConfiguration.Build(arguments[1..]);
        try
        {
            await using var stores = await TransferStores.OpenAsync(configuration, CancellationToken.None);
            var report = verb == "export" ? await ExportAsync(stores, path) : await ImportAsync(stores, path);
            if (report is null)
            {
                return 2;
            }
            Console.WriteLine($"{verb}: {report.Transferred} job(s), {report.ArtifactCount} audio file(s) ({report.ArtifactBytes / 1e6:F1} MB); {report.Skipped.Count} left as they were");
            foreach (var (jobId, why) in report.Skipped)
            {
                Console.WriteLine($"  {jobId}: {why}");
            }
            return 0;
        }
        // Set-up problems are one line, like migrate's.
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or IOException
                                       or Npgsql.NpgsqlException or System.Net.Sockets.SocketException)
        {
            Console.Error.WriteLine($"{verb}: {(ex is LibraryException ? ex.Message : ex.GetBaseException().Message)}");
            return 2;
        }
    }

    private static async Task<TransferReport?> ExportAsync(TransferStores stores, string path)
    {
        if (File.Exists(path))
        {
            Console.Error.WriteLine($"export: {path} exists; choose a new file name");
            return null;
        }
        var partial = path + ".partial";
        TransferReport report;
        await using (var output = File.Create(partial))
        {
            report = await new LibraryExporter(stores.Index, stores.Grains, stores.Artifacts, stores.Serializer, stores.Time)
                .ExportAsync(output, CancellationToken.None);
        }
        // Only a complete file gets the name asked for.
        File.Move(partial, path);
        return report;
    }

    private static async Task<TransferReport?> ImportAsync(TransferStores stores, string path)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"import: {path} does not exist");
            return null;
        }
        await using var input = File.OpenRead(path);
        return await new LibraryImporter(stores.Index, stores.Grains, stores.Artifacts, stores.Serializer, stores.Time)
            .ImportAsync(input, CancellationToken.None);
    }
}
