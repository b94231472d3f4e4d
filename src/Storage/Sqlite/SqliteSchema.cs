using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AudioMusic.Storage.Sqlite;

/// <summary>The library's schema scripts (Sqlite/Schema/NNNN_name.sql, embedded in this assembly). The file records how
/// many it has applied in <c>PRAGMA user_version</c>; each new script runs in one transaction with that count, so a crash
/// half-way leaves the previous version whole.</summary>
public static class SqliteSchema
{
    private const string ResourcePrefix = "AudioMusic.Storage.Sqlite.Schema.";

    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } = LoadScripts();

    public static int LatestVersion => Scripts.Count == 0 ? 0 : Scripts[^1].Version;

    public static void Migrate(SqliteConnection connection)
    {
        var current = ReadVersion(connection);
        if (current > LatestVersion)
        {
            throw new Local.LibraryException(
                $"The library {connection.DataSource} has schema version {current}, newer than this build's {LatestVersion}: run a newer AudioMusic on it.");
        }
        foreach (var (version, _, sql) in Scripts.Where(s => s.Version > current))
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql + string.Create(CultureInfo.InvariantCulture, $";\nPRAGMA user_version = {version};");
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    public static int ReadVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static List<(int, string, string)> LoadScripts()
    {
        var assembly = typeof(SqliteSchema).Assembly;
        var scripts = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            var version = int.Parse(name[..name.IndexOf('_', StringComparison.Ordinal)], NumberStyles.None, CultureInfo.InvariantCulture);
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            scripts.Add((version, name, reader.ReadToEnd()));
        }
        scripts.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Item1 != i + 1)
            {
                throw new InvalidOperationException($"Schema scripts must be numbered 1, 2, 3, … without gaps; found {scripts[i].Item2}.");
            }
        }
        return scripts;
    }
}
