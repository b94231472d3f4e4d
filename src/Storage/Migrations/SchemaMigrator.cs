using Npgsql;

namespace AudioMusic.Storage.Migrations;

/// <summary>Brings a PostgreSQL database up to the schema of this build: applies each script not yet recorded in
/// <c>schema_migrations</c>, in version order, each in its own transaction together with its record.</summary>
/// <remarks>Safe to run from several processes at once (every silo may migrate at startup): a session-level advisory
/// lock makes them take turns, and whoever comes second finds nothing left to do.</remarks>
public sealed class SchemaMigrator
{
    /// <summary>Arbitrary but fixed: every AudioMusic process uses this advisory lock key. An operator can hold it
    /// (SELECT pg_advisory_lock(...)) to keep migrations out during manual maintenance.</summary>
    public const long AdvisoryLockKey = 0x4175_6469_6F4D_7573; // "AudioMus"

    private readonly IReadOnlyList<MigrationScript> _scripts;

    public SchemaMigrator() : this(MigrationScript.Embedded)
    {
    }

    public SchemaMigrator(IReadOnlyList<MigrationScript> scripts)
    {
        _scripts = scripts.OrderBy(s => s.Version).ToList();
    }

    public async Task<MigrationReport> MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS schema_migrations
                (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    checksum   text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, cancellationToken).ConfigureAwait(false);
            var applied = await ReadAppliedAsync(connection, cancellationToken).ConfigureAwait(false);
            VerifyHistory(applied);

            var pending = _scripts.Where(s => !applied.ContainsKey(s.Version)).ToList();
            foreach (var script in pending)
            {
                await ApplyAsync(connection, script, cancellationToken).ConfigureAwait(false);
            }
            var version = _scripts.Count > 0 ? _scripts[^1].Version : 0;
            return new MigrationReport(pending, applied.Count, version);
        }
        finally
        {
            // Closing the connection would release the lock too, but pooled connections stay open.
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<Dictionary<int, AppliedMigration>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, AppliedMigration>();
        await using var command = new NpgsqlCommand("SELECT version, name, checksum FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var migration = new AppliedMigration(reader.GetInt32(0), reader.GetString(1), reader.GetString(2));
            applied[migration.Version] = migration;
        }
        return applied;
    }

    /// <summary>Refuses to go on when the recorded history and this build's scripts disagree: an edited script means the
    /// database may not have the schema the script now describes, and an unknown version means a newer build migrated
    /// it. Either way, guessing would risk the data.</summary>
    private void VerifyHistory(Dictionary<int, AppliedMigration> applied)
    {
        var scriptsByVersion = _scripts.ToDictionary(s => s.Version);
        foreach (var migration in applied.Values.OrderBy(m => m.Version))
        {
            if (!scriptsByVersion.TryGetValue(migration.Version, out var script))
            {
                throw new SchemaMigrationException(
                    $"The database has migration {migration.Version} ('{migration.Name}') applied, which this build does not know. " +
                    "It was migrated by a newer build; run that build (or newer) instead.");
            }
            if (!string.Equals(script.Checksum, migration.Checksum, StringComparison.Ordinal))
            {
                throw new SchemaMigrationException(
                    $"Migration {migration.Version} ('{script.Name}') was changed after it was applied to this database " +
                    $"(applied checksum {migration.Checksum}, script checksum {script.Checksum}). Applied migrations must never " +
                    "be edited: restore the original script and put the change into a new migration.");
            }
        }
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, MigrationScript script, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using (var command = new NpgsqlCommand(script.Sql, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await using (var record = new NpgsqlCommand(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", connection, transaction))
            {
                record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = script.Version });
                record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = script.Name });
                record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = script.Checksum });
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e)
        {
            throw new SchemaMigrationException(
                $"Migration {script.Version} ('{script.Name}') failed and was rolled back: {e.MessageText} (SQLSTATE {e.SqlState}" +
                (e.Position > 0 ? $", at character {e.Position}" : "") + ").", e);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed record AppliedMigration(int Version, string Name, string Checksum);
}
