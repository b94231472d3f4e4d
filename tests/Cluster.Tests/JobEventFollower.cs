using System.Globalization;
using System.Text;

namespace AudioMusic.Cluster.Tests;

/// <summary>Follows a job's event stream as a browser's EventSource does: reads events, and when the stream breaks
/// before the job's terminal event, reconnects with the last id it saw in Last-Event-ID.</summary>
public static class JobEventFollower
{
    public sealed record Seen(long Id, string Type);

    public static async Task<List<Seen>> FollowAsync(Uri events, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var deadline = new CancellationTokenSource(timeout);
        var seen = new List<Seen>();
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, events);
            if (seen.Count > 0)
            {
                request.Headers.Add("Last-Event-ID", seen[^1].Id.ToString(CultureInfo.InvariantCulture));
            }
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                if (response.StatusCode == System.Net.HttpStatusCode.NoContent)
                {
                    return seen;
                }
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token), Encoding.UTF8);
                string? id = null;
                string? type = null;
                while (await reader.ReadLineAsync(deadline.Token) is { } line)
                {
                    if (line.StartsWith("id: ", StringComparison.Ordinal))
                    {
                        id = line[4..];
                    }
                    else if (line.StartsWith("event: ", StringComparison.Ordinal))
                    {
                        type = line[7..];
                    }
                    else if (line.Length == 0 && id is not null && type is not null)
                    {
                        seen.Add(new Seen(long.Parse(id, CultureInfo.InvariantCulture), type));
                        if (type is "job.completed" or "job.failed" or "job.cancelled" or "job.deleted")
                        {
                            return seen;
                        }
                        (id, type) = (null, null);
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException && !deadline.IsCancellationRequested)
            {
                // The stream broke (or a 5xx): reconnect after the browser's default pause.
            }
            await Task.Delay(TimeSpan.FromSeconds(1), deadline.Token);
        }
    }
}
