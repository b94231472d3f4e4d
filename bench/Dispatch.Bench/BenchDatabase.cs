using AudioMusic.Storage.Migrations;
using Npgsql;

namespace AudioMusic.Dispatch.Bench;

/// <summary>A fresh PostgreSQL database for one run, migrated to the project's schema and dropped afterwards, so that
/// every run starts from empty tables.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;
    private readonly string _name;

    private BenchDatabase(string serverConnectionString, string name, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(string serverConnectionString)
    {
        var name = "audiomusic_bench_" + Guid.NewGuid().ToString("N");
        await ExecuteOnServerAsync(serverConnectionString, $"CREATE DATABASE {name}");
        var connectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
        await new SchemaMigrator().MigrateAsync(connectionString, CancellationToken.None);
        return new BenchDatabase(serverConnectionString, name, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        // Pooled connections of the silos would keep the database busy.
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync(_serverConnectionString, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private static async Task ExecuteOnServerAsync(string serverConnectionString, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString) { Pooling = false };
        if (string.IsNullOrEmpty(builder.Database))
        {
            builder.Database = "postgres";
        }
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
