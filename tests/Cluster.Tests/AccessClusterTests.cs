using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using AudioMusic.Storage.Tests;
using Xunit.Abstractions;

namespace AudioMusic.Cluster.Tests;

/// <summary>API keys across a cluster: two client-mode API hosts on one PostgreSQL cluster. A key made through host A
/// works on host B; its job limit holds across both; revoked through A, B refuses it within the 5-s cache bound.</summary>
public sealed class AccessClusterTests(PostgresDatabaseFixture database, ITestOutputHelper output) : IClassFixture<PostgresDatabaseFixture>
{
    private const string AdminKey = "cluster-admin-key-0123456789-abcdefghij";

    [SkippableFact]
    public async Task A_key_revoked_through_one_api_host_is_refused_by_another_within_five_seconds_and_limits_hold_across_hosts()
    {
        database.RequireDatabase();
        using var rig = new ClusterRig(await database.CreateDatabaseAsync(), output);
        try
        {
            await rig.MigrateAsync();
            // No device: submitted jobs stay pending, so the limit is reached by submits alone.
            rig.StartSilo("--Devices:CpuCount=0");
            string[] keys = ["--Auth:Mode=ApiKeys", $"--Auth:AdminKey={AdminKey}"];
            rig.StartApi(keys);
            var (hostB, httpB) = rig.StartAnotherApi(keys);
            using var b = httpB;
            await rig.WaitForReadyAsync(TimeSpan.FromSeconds(60));
            await ClusterRig.WaitForHealthAsync(b, hostB, "/health/ready", TimeSpan.FromSeconds(60));
            var a = rig.Http;

            using var created = await SendAsync(a, HttpMethod.Post, "/api/v1/admin/keys", AdminKey, """{"name": "shared", "max_queued_jobs": 2}""");
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
            var id = body.GetProperty("id").GetString()!;
            var key = body.GetProperty("key").GetString()!;

            Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(a, key, 1)).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(b, key, 2)).StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await SubmitAsync(a, key, 3)).StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await SubmitAsync(b, key, 4)).StatusCode);
            var listed = JsonDocument.Parse(await (await SendAsync(b, HttpMethod.Get, "/api/v1/music/jobs", key)).Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(2, listed.GetProperty("jobs").GetArrayLength());

            // requests_per_minute counts the cluster's requests, not each host's: alternating hosts, what is left
            // goes down by one each time. Started well inside a clock minute, so no window turns in between.
            while (DateTime.UtcNow.Second >= 50)
            {
                await Task.Delay(500);
            }
            using (var metered = await SendAsync(a, HttpMethod.Post, "/api/v1/admin/keys", AdminKey, """{"name": "metered", "requests_per_minute": 6}"""))
            {
                var meteredKey = JsonDocument.Parse(await metered.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;
                var left = new List<string>();
                foreach (var http in new[] { a, b, a, b, a, b, a })
                {
                    using var answer = await SendAsync(http, HttpMethod.Get, "/api/v1/music/jobs/counts", meteredKey);
                    left.Add($"{(int)answer.StatusCode} {answer.Headers.GetValues("RateLimit").Single().Split(';')[1]}");
                }
                output.WriteLine(string.Join(", ", left));
                Assert.Equal(["200 r=5", "200 r=4", "200 r=3", "200 r=2", "200 r=1", "200 r=0", "429 r=0"], left);
            }

            using (var revoked = await SendAsync(a, HttpMethod.Delete, $"/api/v1/admin/keys/{id}", AdminKey))
            {
                Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
            }
            var since = Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(a, HttpMethod.Get, "/api/v1/music/jobs", key)).StatusCode);
            while ((await SendAsync(b, HttpMethod.Get, "/api/v1/music/jobs", key)).StatusCode != HttpStatusCode.Unauthorized)
            {
                Assert.True(since.Elapsed < TimeSpan.FromSeconds(10), "host B still accepts the revoked key after 10 s");
                await Task.Delay(100);
            }
            output.WriteLine($"revoked through A, refused by B after {since.Elapsed.TotalSeconds:F2} s");
            Assert.True(since.Elapsed <= TimeSpan.FromSeconds(5.5), $"host B accepted the revoked key for {since.Elapsed.TotalSeconds:F1} s");
        }
        catch
        {
            rig.WriteLogs();
            throw;
        }
        finally
        {
            await rig.StopAllAsync();
        }
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient http, string key, int i) =>
        SendAsync(http, HttpMethod.Post, "/api/v1/music/prompt2instrumental", key, $$"""{"prompt": "shared {{i}}", "duration": 10, "seed": {{i}}}""");

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string key, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        return http.SendAsync(request);
    }
}
