using AudioMusic.Storage.Postgres;
using Npgsql;

namespace AudioMusic.Storage.Tests;

public sealed class PostgresConnectionStringsTests
{
    [Fact]
    public void A_connection_string_without_a_pool_size_gets_the_default_limit()
    {
        var limited = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.WithPoolLimit("Host=db;Database=audiomusic;Username=u"));
        Assert.Equal(PostgresConnectionStrings.DefaultMaximumPoolSize, limited.MaxPoolSize);
        Assert.Equal("db", limited.Host);
        Assert.Equal("audiomusic", limited.Database);
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=50")]
    [InlineData("Host=db;MaxPoolSize=50")]
    [InlineData("Host=db;maxpoolsize=50")]
    public void An_explicit_pool_size_is_kept(string connectionString) =>
        Assert.Equal(50, new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.WithPoolLimit(connectionString)).MaxPoolSize);
}
