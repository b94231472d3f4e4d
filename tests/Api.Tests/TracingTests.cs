using System.Diagnostics;
using AudioMusic.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace AudioMusic.Api.Tests;

/// <summary>One submitted job is one trace: the API request, the grain calls, the wait in the queue, the attempt, the
/// engine's stages, encoding and storing, all in one tree under the request, tagged with the job, attempt and device.</summary>
public sealed class TracingTests : IAsyncLifetime
{
    private readonly SpanList _spans = new();
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync(
        new Dictionary<string, string> { ["Telemetry:Tracing"] = "true" },
        builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans)));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_job_is_one_trace_from_its_request_to_its_stored_audio()
    {
        var job = await _server.SubmitAsync("text2music", """{"caption": "traced song", "lyrics": "[verse]\nla la la", "duration": 12, "seed": 4}""");
        var id = job.GetProperty("id").GetString()!;
        await _server.WaitForStatusAsync(id, "COMPLETED");

        // Spans are exported when they end; the attempt's ends just after the job completes.
        Activity? attempt = null;
        for (var tries = 0; attempt is null && tries < 50; tries++)
        {
            await Task.Delay(100);
            attempt = _spans.Snapshot().FirstOrDefault(s => s.DisplayName == "job.attempt" && (string?)s.GetTagItem(JobSpans.JobIdTag) == id);
        }
        Assert.NotNull(attempt);
        var trace = _spans.Snapshot().Where(s => s.TraceId == attempt.TraceId).ToList();

        // One tree: a single root, the API request, and every other span's parent in the trace.
        var ids = trace.Select(s => s.SpanId).ToHashSet();
        var roots = trace.Where(s => !ids.Contains(s.ParentSpanId)).ToList();
        var root = Assert.Single(roots);
        Assert.Equal(ActivityKind.Server, root.Kind);
        Assert.Contains("text2music", root.DisplayName, StringComparison.Ordinal);
        Assert.Equal(default, root.ParentSpanId);

        var names = trace.Select(s => s.DisplayName).ToList();
        Assert.Contains("job.queued", names);
        Assert.Contains(names, n => n.StartsWith("stage ", StringComparison.Ordinal));
        Assert.Contains("encode flac", names);
        Assert.Contains(names, n => n.Contains("IJobGrain", StringComparison.Ordinal) && n.Contains("Submit", StringComparison.Ordinal));
        Assert.Equal(1, attempt.GetTagItem(JobSpans.AttemptTag));
        Assert.EndsWith("cpu0", (string)attempt.GetTagItem(JobSpans.DeviceTag)!, StringComparison.Ordinal);
        // The stages and the encoders are the attempt's children, and fall within it.
        Assert.All(trace.Where(s => s.DisplayName.StartsWith("stage ", StringComparison.Ordinal) || s.DisplayName.StartsWith("encode", StringComparison.Ordinal)),
            s => Assert.True(s.ParentSpanId == attempt.SpanId && s.StartTimeUtc >= attempt.StartTimeUtc, s.DisplayName));
        // Lease renewals stay out of the trace.
        Assert.DoesNotContain(names, n => n.Contains("RenewLease", StringComparison.Ordinal));
    }
}

/// <summary>The exporter adds from its own thread while the test reads.</summary>
internal sealed class SpanList : System.Collections.ObjectModel.Collection<Activity>
{
    private readonly Lock _gate = new();

    public IReadOnlyList<Activity> Snapshot()
    {
        lock (_gate)
        {
            return [.. this];
        }
    }

    protected override void InsertItem(int index, Activity item)
    {
        lock (_gate)
        {
            base.InsertItem(index, item);
        }
    }
}
