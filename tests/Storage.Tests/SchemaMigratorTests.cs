using AudioMusic.Storage.Migrations;
using Npgsql;

namespace AudioMusic.Storage.Tests;

public sealed class SchemaMigratorTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly string[] OrleansQueryKeys =
    [
        // Clustering
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey",
        // Persistence
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        // Reminders
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public void Embedded_scripts_are_numbered_from_one_without_gaps()
    {
        var versions = MigrationScript.Embedded.Select(s => s.Version).ToList();

        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
        Assert.Contains(MigrationScript.Embedded, s => s.Name == "0007_audiomusic_retention");
    }

    [Fact]
    public void Checksum_ignores_line_ending_style_but_not_content()
    {
        var unix = new MigrationScript(1, "0001_x", "CREATE TABLE a (b int);\nSELECT 1;\n");
        var windows = unix with { Sql = "CREATE TABLE a (b int);\r\nSELECT 1;\r\n" };
        var edited = unix with { Sql = "CREATE TABLE a (b bigint);\nSELECT 1;\n" };

        Assert.Equal(unix.Checksum, windows.Checksum);
        Assert.NotEqual(unix.Checksum, edited.Checksum);
    }

    [SkippableFact]
    public async Task Migrating_an_empty_database_applies_every_script_and_installs_all_orleans_queries()
    {
        database.RequireDatabase();
        var connectionString = await database.CreateDatabaseAsync();

        var report = await new SchemaMigrator().MigrateAsync(connectionString, CancellationToken.None);

        Assert.Equal(MigrationScript.Embedded.Select(s => s.Version), report.Applied.Select(s => s.Version));
        Assert.Equal(0, report.AlreadyApplied);
        Assert.Equal(MigrationScript.Embedded[^1].Version, report.SchemaVersion);
        var keys = await QueryStringsAsync(connectionString, "SELECT QueryKey FROM OrleansQuery");
        Assert.Equal(OrleansQueryKeys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        var recorded = await QueryStringsAsync(connectionString, "SELECT checksum FROM schema_migrations ORDER BY version");
        Assert.Equal(MigrationScript.Embedded.Select(s => s.Checksum), recorded);
    }

    [SkippableFact]
    public async Task Migrating_twice_applies_nothing_the_second_time()
    {
        database.RequireDatabase();
        var connectionString = await database.CreateDatabaseAsync();
        var migrator = new SchemaMigrator();
        await migrator.MigrateAsync(connectionString, CancellationToken.None);
        var tablesBefore = await QueryStringsAsync(connectionString, TablesSql);

        var second = await migrator.MigrateAsync(connectionString, CancellationToken.None);

        Assert.Empty(second.Applied);
        Assert.Equal(MigrationScript.Embedded.Count, second.AlreadyApplied);
        Assert.Equal(tablesBefore, await QueryStringsAsync(connectionString, TablesSql));
    }

    [SkippableFact]
    public async Task A_script_edited_after_it_was_applied_is_refused_and_nothing_else_runs()
    {
        database.RequireDatabase();
        var connectionString = await database.CreateDatabaseAsync();
        var original = new[]
        {
            new MigrationScript(1, "0001_first", "CREATE TABLE first_table (id int);"),
        };
        await new SchemaMigrator(original).MigrateAsync(connectionString, CancellationToken.None);
        var edited = new[]
        {
            new MigrationScript(1, "0001_first", "CREATE TABLE first_table (id bigint);"),
            new MigrationScript(2, "0002_second", "CREATE TABLE second_table (id int);"),
        };

        var error = await Assert.ThrowsAsync<SchemaMigrationException>(
            () => new SchemaMigrator(edited).MigrateAsync(connectionString, CancellationToken.None));

        Assert.Contains("0001_first", error.Message, StringComparison.Ordinal);
        Assert.Contains("changed after it was applied", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("second_table", await QueryStringsAsync(connectionString, TablesSql));
    }

    [SkippableFact]
    public async Task A_failing_script_is_rolled_back_whole_and_later_scripts_do_not_run()
    {
        database.RequireDatabase();
        var connectionString = await database.CreateDatabaseAsync();
        var scripts = new[]
        {
            new MigrationScript(1, "0001_good", "CREATE TABLE good_table (id int);"),
            new MigrationScript(2, "0002_bad", "CREATE TABLE half_table (id int); SELECT no_such_column FROM good_table;"),
            new MigrationScript(3, "0003_later", "CREATE TABLE later_table (id int);"),
        };

        var error = await Assert.ThrowsAsync<SchemaMigrationException>(
            () => new SchemaMigrator(scripts).MigrateAsync(connectionString, CancellationToken.None));

        Assert.Contains("0002_bad", error.Message, StringComparison.Ordinal);
        var tables = await QueryStringsAsync(connectionString, TablesSql);
        Assert.Contains("good_table", tables);
        Assert.DoesNotContain("half_table", tables);
        Assert.DoesNotContain("later_table", tables);
        Assert.Equal(["1"], await QueryStringsAsync(connectionString, "SELECT version::text FROM schema_migrations"));
    }

    [SkippableFact]
    public async Task A_database_migrated_by_a_newer_build_is_refused()
    {
        database.RequireDatabase();
        var connectionString = await database.CreateDatabaseAsync();
        await new SchemaMigrator([new MigrationScript(1, "0001_a", "SELECT 1;"), new MigrationScript(2, "0002_b", "SELECT 2;")])
            .MigrateAsync(connectionString, CancellationToken.None);

        var error = await Assert.ThrowsAsync<SchemaMigrationException>(
            () => new SchemaMigrator([new MigrationScript(1, "0001_a", "SELECT 1;")]).MigrateAsync(connectionString, CancellationToken.None));

        Assert.Contains("newer build", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Two_processes_migrating_at_once_apply_each_script_exactly_once()
    {
        database.RequireDatabase();
        var connectionString = await database.CreateDatabaseAsync();
        // Separate pools, as two silos would have: each migrator holds its own session and advisory lock.
        var first = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "migrator-a" }.ConnectionString;
        var second = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "migrator-b" }.ConnectionString;

        var reports = await Task.WhenAll(
            Task.Run(() => new SchemaMigrator().MigrateAsync(first, CancellationToken.None)),
            Task.Run(() => new SchemaMigrator().MigrateAsync(second, CancellationToken.None)));

        var total = MigrationScript.Embedded.Count;
        Assert.Equal(total, reports.Sum(r => r.Applied.Count));
        Assert.Contains(reports, r => r.Applied.Count == total);
        Assert.Contains(reports, r => r.Applied.Count == 0 && r.AlreadyApplied == total);
        Assert.Equal([total.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            await QueryStringsAsync(connectionString, "SELECT count(*)::text FROM schema_migrations"));
    }

    [SkippableFact]
    public async Task A_migration_waits_while_another_session_holds_the_migration_lock()
    {
        database.RequireDatabase();
        var connectionString = await database.CreateDatabaseAsync();
        await using var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await holder.OpenAsync();
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({SchemaMigrator.AdvisoryLockKey})", holder))
        {
            await lockCommand.ExecuteNonQueryAsync();
        }

        var migration = Task.Run(() => new SchemaMigrator().MigrateAsync(connectionString, CancellationToken.None));
        var finishedEarly = await Task.WhenAny(migration, Task.Delay(TimeSpan.FromMilliseconds(500))) == migration;
        var tablesWhileLocked = await QueryStringsAsync(connectionString, TablesSql);
        await using (var unlockCommand = new NpgsqlCommand($"SELECT pg_advisory_unlock({SchemaMigrator.AdvisoryLockKey})", holder))
        {
            await unlockCommand.ExecuteNonQueryAsync();
        }
        var report = await migration.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(finishedEarly);
        Assert.Empty(tablesWhileLocked);
        Assert.Equal(MigrationScript.Embedded.Count, report.Applied.Count);
    }

    private const string TablesSql =
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name";

    internal static async Task<List<string>> QueryStringsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}
