using System.Data.Common;
using Npgsql;

namespace AudioMusic.Storage.Postgres;

/// <summary>Connection-string defaults for this service's PostgreSQL pools.</summary>
public static class PostgresConnectionStrings
{
    /// <summary>Connections per pool unless the connection string says otherwise. Npgsql's own default is 100 per pool,
    /// and every process holds two pools (Orleans' providers and the job index/artifact store), so a single busy silo
    /// could take 200 connections: more than PostgreSQL's default max_connections for the whole cluster. A burst then
    /// fails with "too many clients" instead of waiting a few milliseconds for a pooled connection.</summary>
    public const int DefaultMaximumPoolSize = 10;

    /// <summary>The connection string with <see cref="DefaultMaximumPoolSize"/> applied when it sets no pool size.</summary>
    public static string WithPoolLimit(string connectionString)
    {
        // Npgsql's typed builder reports every keyword as present, so ask the untyped one what the string itself says.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(IsPoolSizeKeyword))
        {
            return connectionString;
        }
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultMaximumPoolSize }.ConnectionString;
    }

    private static bool IsPoolSizeKeyword(string keyword) =>
        keyword.Replace(" ", "", StringComparison.Ordinal) is var compact
        && (compact.Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase) || compact.Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase));
}
