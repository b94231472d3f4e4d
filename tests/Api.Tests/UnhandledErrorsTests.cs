using AudioMusic.ApiHost.Hosting;
using Npgsql;

namespace AudioMusic.Api.Tests;

public sealed class UnhandledErrorsTests
{
    [Fact]
    public void A_database_error_is_a_503_even_wrapped_by_a_grain_call()
    {
        var full = new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300");
        Assert.Equal(503, UnhandledErrors.Classify(full).Status);
        Assert.Equal(503, UnhandledErrors.Classify(new InvalidOperationException("write failed", new NpgsqlException("pool exhausted"))).Status);
        // The one-box library's SQLite file failing a write (SQLITE_IOERR) is the same kind of condition.
        Assert.Equal(503, UnhandledErrors.Classify(new InvalidOperationException("write failed",
            new Microsoft.Data.Sqlite.SqliteException("disk I/O error", 10))).Status);
    }

    [Fact]
    public void Cluster_errors_are_503_and_anything_else_500()
    {
        Assert.Equal(503, UnhandledErrors.Classify(new TimeoutException()).Status);
        Assert.Equal(503, UnhandledErrors.Classify(new OrleansException("silo gone")).Status);
        Assert.Equal(500, UnhandledErrors.Classify(new InvalidOperationException("bug")).Status);
    }
}
