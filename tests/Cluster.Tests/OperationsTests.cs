using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AudioMusic.TestSupport;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace AudioMusic.Cluster.Tests;

/// <summary>What an operator sees of a real one-box process after it ran a job: the metrics with their values (the job
/// counted once, with its labels; its run time in the histogram), the Orleans Dashboard with the service's grains, and
/// every metric the Grafana dashboard and the alert rules query present in the scrape.</summary>
public sealed partial class OperationsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly OneBoxLibrary _library = new("audiomusic-ops-");
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    [Fact]
    public async Task Metrics_count_the_job_and_the_dashboards_query_only_metrics_that_exist()
    {
        var host = _library.Start("--Webhooks:AllowedHosts:0=127.0.0.1");
        try
        {
            await host.WaitForReadyAsync(TimeSpan.FromSeconds(60));
            var id = await host.SubmitAsync("prompt2instrumental",
                $$"""{"prompt": "observed song", "duration": 20, "seed": 5, "callback_url": "{{_receiver.Url}}"}""");
            var job = await host.WaitForStatusAsync(id, "COMPLETED", TimeSpan.FromSeconds(60));
            await _receiver.WaitForAsync(r => r.Type == "job.completed", TimeSpan.FromSeconds(30), "job.completed");
            using (var events = await host.Http.GetAsync($"/api/v1/music/jobs/{id}/events"))
            {
                Assert.Equal(HttpStatusCode.OK, events.StatusCode);
                await events.Content.ReadAsStringAsync();
            }

            var scrape = await ScrapeAsync(host, s => s.Samples.Any(x => x.Name == "audiomusic_webhook_attempts_total"));
            (string, string)[] labels = [("task", "prompt2instrumental"), ("engine", "builtin")];
            Assert.Equal(1, scrape.Value("audiomusic_jobs_submitted_total", labels));
            Assert.Equal(1, scrape.Value("audiomusic_jobs_finished_total", [.. labels, ("outcome", "completed")]));
            Assert.Equal(1, scrape.Value("audiomusic_job_queue_wait_seconds_count", labels));
            var waited = (job.GetProperty("started_at").GetDateTimeOffset() - job.GetProperty("created_at").GetDateTimeOffset()).TotalSeconds;
            Assert.InRange(scrape.Value("audiomusic_job_queue_wait_seconds_sum", labels), 0, waited + 0.5);
            Assert.Equal(1, scrape.Value("audiomusic_job_run_time_seconds_count", [.. labels, ("outcome", "completed")]));
            var ran = (job.GetProperty("completed_at").GetDateTimeOffset() - job.GetProperty("started_at").GetDateTimeOffset()).TotalSeconds;
            Assert.InRange(scrape.Value("audiomusic_job_run_time_seconds_sum", [.. labels, ("outcome", "completed")]), ran - 0.01, ran + 0.01);
            Assert.Equal(1, scrape.Value("audiomusic_engine_real_time_factor_count", ("engine", "builtin"), ("device_kind", "cpu")));
            Assert.Equal(1, scrape.Value("audiomusic_webhook_attempts_total", ("outcome", "delivered"), ("event", "job.completed")));
            Assert.Equal(0, scrape.Value("audiomusic_queue_depth"));
            Assert.Equal(10_000, scrape.Value("audiomusic_queue_capacity"));
            Assert.Equal(1, scrape.Value("audiomusic_devices", ("device_kind", "cpu"), ("state", "idle")));
            Assert.Contains(scrape.Names, n => n == "audiomusic_device_memory_in_use_bytes");
            Assert.Equal(0, scrape.Value("audiomusic_sse_subscribers", ("stream", "job")));
            Assert.Contains(scrape.Names, n => n.StartsWith("http_server_request_duration_seconds", StringComparison.Ordinal));
            Assert.Contains(scrape.Names, n => n.StartsWith("orleans_", StringComparison.Ordinal));
            Assert.Contains(scrape.Names, n => n.StartsWith("dotnet_", StringComparison.Ordinal));

            var queried = QueriedMetrics().ToList();
            Assert.NotEmpty(queried);
            var missing = queried.Where(name => !scrape.Names.Contains(name)).ToList();
            Assert.True(missing.Count == 0, $"queried by a panel or an alert but not in a scrape: {string.Join(", ", missing)}");

            using var page = await host.Http.GetAsync("/dashboard/");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            var types = await host.Http.GetFromJsonAsync<string[]>("/dashboard/GrainTypes");
            Assert.Contains("AudioMusic.Grains.Jobs.JobGrain", types!);
            Assert.Contains("AudioMusic.Grains.Queue.JobQueueGrain", types!);
            // The dashboard gathers its counters every second or so.
            var counters = await host.Http.GetFromJsonAsync<JsonElement>("/dashboard/DashboardCounters");
            for (var tries = 0; counters.GetProperty("hosts").GetArrayLength() == 0 && tries < 30; tries++)
            {
                await Task.Delay(500);
                counters = await host.Http.GetFromJsonAsync<JsonElement>("/dashboard/DashboardCounters");
            }
            Assert.Single(counters.GetProperty("hosts").EnumerateArray());
            Assert.Contains(counters.GetProperty("simpleGrainStats").EnumerateArray(),
                s => s.GetProperty("grainType").GetString() == "AudioMusic.Grains.Devices.InferenceGrain");
        }
        catch
        {
            _library.WriteLogs(output);
            throw;
        }
    }

    /// <summary>Observable gauges and counters appear once they have something to say; waits a little for the last.</summary>
    private static async Task<PrometheusText> ScrapeAsync(OneBoxHost host, Func<PrometheusText, bool> complete)
    {
        for (var tries = 0; ; tries++)
        {
            var scrape = PrometheusText.Parse(await host.Http.GetStringAsync("/metrics"));
            if (complete(scrape) || tries == 20)
            {
                return scrape;
            }
            await Task.Delay(250);
        }
    }

    /// <summary>Every metric name the Grafana dashboard's panels, the Prometheus alert rules and the autoscaler query.</summary>
    private static IEnumerable<string> QueriedMetrics()
    {
        var monitoring = Path.Combine(Checkout.Root, "deploy", "monitoring");
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(monitoring, "grafana", "dashboards", "audiomusic.json")));
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToList();
        var alerts = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(monitoring, "alerts.yml")))
        {
            alerts.Load(reader);
        }
        var groups = (YamlSequenceNode)((YamlMappingNode)alerts.Documents[0].RootNode)["groups"];
        expressions.AddRange(groups.Children.Cast<YamlMappingNode>()
            .SelectMany(g => ((YamlSequenceNode)g["rules"]).Children.Cast<YamlMappingNode>())
            .Select(r => ((YamlScalarNode)r["expr"]).Value!));
        // The autoscaler's query too (deploy/kubernetes/autoscaling).
        var scaler = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Checkout.Root, "deploy", "kubernetes", "autoscaling", "silo-scaledobject.yaml")))
        {
            scaler.Load(reader);
        }
        var triggers = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)scaler.Documents[0].RootNode)["spec"])["triggers"];
        expressions.AddRange(triggers.Children.Cast<YamlMappingNode>().Select(t => ((YamlScalarNode)((YamlMappingNode)t["metadata"])["query"]).Value!));
        return expressions.SelectMany(e => MetricName().Matches(e).Select(m => m.Value)).Distinct();
    }

    public async Task DisposeAsync()
    {
        _library.Dispose();
        await _receiver.DisposeAsync();
    }

    [GeneratedRegex(@"\b(audiomusic|http_server|orleans|dotnet)_[a-z0-9_]+\b")]
    private static partial Regex MetricName();
}
