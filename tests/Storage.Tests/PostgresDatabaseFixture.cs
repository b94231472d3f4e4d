using AudioMusic.Storage.Migrations;
using Npgsql;

namespace AudioMusic.Storage.Tests;

/// <summary>A fresh PostgreSQL database for one test class, created on the server named by the environment variable
/// AUDIOMUSIC_TEST_POSTGRES (a connection string of a role that may create databases) and dropped afterwards.
/// Without the variable, tests that call <see cref="RequireDatabase"/> are skipped, except under CI (CI=true), where
/// they fail: a CI run that silently skipped the database tests would prove nothing.</summary>
/// <remarks>Self-contained on purpose, so other test projects can link this file. Start a local server with
/// scripts/postgres-dev.sh.</remarks>
public class PostgresDatabaseFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "AUDIOMUSIC_TEST_POSTGRES";

    private readonly string? _serverConnectionString = Environment.GetEnvironmentVariable(EnvironmentVariable);
    private readonly List<string> _databases = [];

    /// <summary>The connection string of this class's database; null when no server is configured.</summary>
    public string? ConnectionString { get; private set; }

    public bool IsAvailable => !string.IsNullOrWhiteSpace(_serverConnectionString);

    /// <summary>Returns this class's connection string, or ends the calling test: skipped locally, failed under CI.</summary>
    public string RequireDatabase()
    {
        if (IsAvailable)
        {
            return ConnectionString!;
        }
        var message = $"{EnvironmentVariable} is not set, so the PostgreSQL tests cannot run. " +
            $"Start a server with scripts/postgres-dev.sh and export the line it prints.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(message + " Under CI these tests must not be skipped.");
        }
        throw new SkipException(message);
    }

    public async Task InitializeAsync()
    {
        if (IsAvailable)
        {
            ConnectionString = await CreateDatabaseAsync().ConfigureAwait(false);
            await OnDatabaseCreatedAsync(ConnectionString).ConfigureAwait(false);
        }
    }

    /// <summary>Creates another empty database, dropped with the class's one.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "audiomusic_test_" + Guid.NewGuid().ToString("N");
        await ExecuteOnServerAsync($"CREATE DATABASE {name}").ConfigureAwait(false);
        _databases.Add(name);
        return new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>A connection string naming a database that does not exist yet; dropped with the others if a test creates it.</summary>
    public string MissingDatabase()
    {
        var name = "audiomusic_test_" + Guid.NewGuid().ToString("N");
        _databases.Add(name);
        return new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Runs a statement on the server's maintenance database as the fixture's (administrator) role.</summary>
    public Task ExecuteAsAdministratorAsync(string sql) => ExecuteOnServerAsync(sql);

    protected virtual Task OnDatabaseCreatedAsync(string connectionString) => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Idle pooled connections of the tests would keep the databases busy.
        NpgsqlConnection.ClearAllPools();
        foreach (var name in _databases)
        {
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)").ConfigureAwait(false);
        }
        _databases.Clear();
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(_serverConnectionString) { Pooling = false };
        if (string.IsNullOrEmpty(builder.Database))
        {
            builder.Database = "postgres";
        }
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}

/// <summary>A fresh database already migrated to this build's schema.</summary>
public class MigratedPostgresDatabaseFixture : PostgresDatabaseFixture
{
    protected override Task OnDatabaseCreatedAsync(string connectionString) =>
        new SchemaMigrator().MigrateAsync(connectionString, CancellationToken.None);
}
