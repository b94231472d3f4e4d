using System.Data.Common;

namespace AudioMusic.ApiHost.Hosting;

/// <summary>The status and title of the problem document for an exception no controller handled.</summary>
public static class UnhandledErrors
{
    public static (int Status, string Title) Classify(Exception? error) => error switch
    {
        BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "Bad request."),
        OrleansException or TimeoutException => (StatusCodes.Status503ServiceUnavailable, "The cluster is not reachable right now."),
        // The database being down, full ("too many clients"), its pool exhausted, or the one-box library's file failing a
        // write is a wait-and-retry condition, and nothing was half-created: a submit whose state write fails takes its
        // job back out of the queue.
        _ when FromDatabase(error) => (StatusCodes.Status503ServiceUnavailable, "The job store is not reachable right now."),
        _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred."),
    };

    /// <summary>A database error (PostgreSQL or SQLite) anywhere in the chain: storage providers and grain calls may
    /// wrap it.</summary>
    private static bool FromDatabase(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is DbException)
            {
                return true;
            }
        }
        return false;
    }
}
