using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace AudioMusic.Storage.Migrations;

/// <summary>One versioned schema script ("0003_orleans_persistence.sql" is version 3).</summary>
public sealed record MigrationScript(int Version, string Name, string Sql)
{
    private const string ResourcePrefix = "AudioMusic.Storage.Migrations.Sql.";

    /// <summary>SHA-256 of the script with line endings normalised, so a checkout that converts line endings does not
    /// look like an edited migration. Computed on each use: a stored value would survive a <c>with</c> copy that
    /// changes <see cref="Sql"/>.</summary>
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    /// <summary>The scripts embedded from deploy/sql, ordered by version.</summary>
    public static IReadOnlyList<MigrationScript> Embedded { get; } = LoadEmbedded();

    public static MigrationScript FromFileName(string fileName, string sql)
    {
        var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0 || !fileName.EndsWith(".sql", StringComparison.Ordinal)
            || !int.TryParse(fileName[..underscore], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new ArgumentException($"Migration file '{fileName}' is not named like '0001_description.sql'.", nameof(fileName));
        }
        return new MigrationScript(version, fileName[..^".sql".Length], sql);
    }

    private static List<MigrationScript> LoadEmbedded()
    {
        var assembly = typeof(MigrationScript).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(name => FromFileName(name[ResourcePrefix.Length..], ReadResource(assembly, name)))
            .OrderBy(script => script.Version)
            .ToList();
        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(s => s.Name))}.");
        }
        return scripts;
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded migration '{name}' cannot be opened.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
