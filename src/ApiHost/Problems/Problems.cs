using System.Globalization;
using AudioMusic.Domain;
using Microsoft.AspNetCore.Mvc;

namespace AudioMusic.ApiHost.Problems;

/// <summary>RFC 7807 answers. Every error names what is wrong: invalid fields under "errors" (field → messages).</summary>
public static class Problems
{
    public static ObjectResult Validation(IEnumerable<FieldError> errors)
    {
        var list = errors.ToList();
        var problem = new ValidationProblemDetails(list.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
        {
            Type = "/problems/validation",
            Title = "The request is invalid.",
            Status = StatusCodes.Status400BadRequest,
            Detail = string.Join("; ", list.Select(e => $"{e.Field}: {e.Message}")),
        };
        return Result(problem);
    }

    public static ObjectResult NotFound(string what) => Result(new ProblemDetails
    {
        Type = "/problems/not-found",
        Title = "Not found.",
        Status = StatusCodes.Status404NotFound,
        Detail = what,
    });

    public static ObjectResult Conflict(string detail) => Result(new ProblemDetails
    {
        Type = "/problems/conflict",
        Title = "The job is not in a state that allows this.",
        Status = StatusCodes.Status409Conflict,
        Detail = detail,
    });

    public static ObjectResult QueueFull(HttpResponse response, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Result(new ProblemDetails
        {
            Type = "/problems/queue-full",
            Title = "The queue is full.",
            Status = StatusCodes.Status429TooManyRequests,
            Detail = string.Create(CultureInfo.InvariantCulture, $"Too many jobs are waiting; retry in {seconds} s."),
        });
    }

    public static ObjectResult Unservable(FieldError error) => Result(new ValidationProblemDetails(new Dictionary<string, string[]> { [error.Field] = [error.Message] })
    {
        Type = "/problems/unservable",
        Title = "No device in the cluster can run this request.",
        Status = StatusCodes.Status400BadRequest,
        Detail = $"{error.Field}: {error.Message}",
    });

    public static ObjectResult Status(int status, string type, string title, string detail) => Result(new ProblemDetails
    {
        Type = type,
        Title = title,
        Status = status,
        Detail = detail,
    });

    private static ObjectResult Result(ProblemDetails problem) => new(problem)
    {
        StatusCode = problem.Status,
        ContentTypes = { "application/problem+json" },
    };
}
