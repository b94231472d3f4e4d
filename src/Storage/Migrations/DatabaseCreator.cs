using Npgsql;

namespace AudioMusic.Storage.Migrations;

/// <summary>Creates the database a connection string names when it does not exist yet, so that a first
/// <c>migrate</c> needs no separate <c>createdb</c>. It connects to the server's maintenance database
/// (<c>postgres</c>) with the same credentials; a role that may not create databases gets an explanation instead.</summary>
public static class DatabaseCreator
{
    /// <summary>SQLSTATE 3D000: the database named in the connection does not exist.</summary>
    public const string InvalidCatalogName = "3D000";

    private const string DuplicateDatabase = "42P04";
    private const string InsufficientPrivilege = "42501";

    /// <summary>True when the database was created, false when it existed already.</summary>
    /// <exception cref="DatabaseCreationException">The database is missing and cannot be created by this role.</exception>
    public static async Task<bool> EnsureExistsAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        try
        {
            await using var probe = new NpgsqlConnection(connectionString);
            await probe.OpenAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (PostgresException ex) when (ex.SqlState == InvalidCatalogName)
        {
            // Fall through: create it below.
        }
        var database = target.Database ?? throw new DatabaseCreationException("the connection string names no database (add Database=…)");
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        try
        {
            await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(database)}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == DuplicateDatabase)
        {
            // Another process created it meanwhile.
            return false;
        }
        catch (PostgresException ex) when (ex.SqlState == InsufficientPrivilege)
        {
            throw new DatabaseCreationException(
                $"database \"{database}\" does not exist and role \"{target.Username}\" may not create it; as an administrator run: createdb -O {target.Username} {database}", ex);
        }
    }

    /// <summary>A PostgreSQL identifier in double quotes, embedded quotes doubled.</summary>
    public static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>The database is missing and this role cannot create it; the message says what to run.</summary>
public sealed class DatabaseCreationException(string message, Exception? inner = null) : Exception(message, inner);
