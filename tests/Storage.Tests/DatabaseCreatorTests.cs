using AudioMusic.Storage.Migrations;
using Npgsql;

namespace AudioMusic.Storage.Tests;

/// <summary>A first <c>migrate</c> against a database that does not exist creates it when the role may, and otherwise
/// says in one sentence what to run.</summary>
public sealed class DatabaseCreatorTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [SkippableFact]
    public async Task A_missing_database_is_created_once_and_then_migrates()
    {
        database.RequireDatabase();
        var missing = database.MissingDatabase();

        Assert.True(await DatabaseCreator.EnsureExistsAsync(missing, CancellationToken.None));
        Assert.False(await DatabaseCreator.EnsureExistsAsync(missing, CancellationToken.None));
        var report = await new SchemaMigrator().MigrateAsync(missing, CancellationToken.None);
        Assert.Equal(MigrationScript.Embedded.Count, report.Applied.Count);
        NpgsqlConnection.ClearAllPools();
    }

    [SkippableFact]
    public async Task A_role_that_may_not_create_databases_is_told_what_to_run()
    {
        database.RequireDatabase();
        var role = "audiomusic_test_role_" + Guid.NewGuid().ToString("N")[..12];
        await database.ExecuteAsAdministratorAsync($"CREATE ROLE {role} LOGIN NOCREATEDB PASSWORD 'secret-{role}'");
        try
        {
            var missing = new NpgsqlConnectionStringBuilder(database.MissingDatabase()) { Username = role, Password = $"secret-{role}", Pooling = false };

            var error = await Assert.ThrowsAsync<DatabaseCreationException>(() => DatabaseCreator.EnsureExistsAsync(missing.ConnectionString, CancellationToken.None));

            Assert.Contains($"createdb -O {role} {missing.Database}", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            await database.ExecuteAsAdministratorAsync($"DROP ROLE IF EXISTS {role}");
        }
    }

    [Fact]
    public void Identifiers_are_quoted_with_embedded_quotes_doubled() =>
        Assert.Equal("\"odd\"\"name\"", DatabaseCreator.QuoteIdentifier("odd\"name"));
}
