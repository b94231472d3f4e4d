using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AudioMusic.Grains.Queue;
using Microsoft.Extensions.Options;

namespace AudioMusic.Grains.Telemetry;

/// <summary>Gauges read when a collector asks: the queue's depth and capacity (from this silo's copy of the queue,
/// at most half a second old; every silo reports the same cluster-wide value, so dashboards take the max), and this
/// silo's devices by state with their memory budgets and what the running attempt takes of them.</summary>
public sealed class ClusterGauges : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly ConcurrentDictionary<string, DeviceReading> Devices = new(StringComparer.Ordinal);
    private static QueuePositionCache? _queue;
    private static int _capacity;

    static ClusterGauges()
    {
        AudioMusicTelemetry.Meter.CreateObservableGauge("audiomusic.queue.depth",
            () => _queue is { } queue ? [new Measurement<int>(queue.Current.Count)] : Array.Empty<Measurement<int>>(),
            "{job}", "Jobs waiting in the dispatch queue.");
        AudioMusicTelemetry.Meter.CreateObservableGauge("audiomusic.queue.capacity",
            () => _queue is null ? Array.Empty<Measurement<int>>() : [new Measurement<int>(_capacity)],
            "{job}", "Jobs the queue admits before answering 429 (Queue:Capacity).");
        AudioMusicTelemetry.Meter.CreateObservableGauge("audiomusic.devices",
            () => Devices.Values.GroupBy(d => (d.Kind, d.State))
                .Select(g => new Measurement<int>(g.Count(), new("device_kind", g.Key.Kind), new("state", g.Key.State))),
            "{device}", "This silo's inference devices by kind and state (idle, busy, draining).");
        AudioMusicTelemetry.Meter.CreateObservableGauge("audiomusic.device.memory_budget",
            () => Devices.Select(d => new Measurement<long>(d.Value.MemoryBudgetBytes, new("device", d.Key), new("device_kind", d.Value.Kind))),
            "By", "Memory each device may give one attempt (what admission checks a job's estimate against).");
        AudioMusicTelemetry.Meter.CreateObservableGauge("audiomusic.device.memory_in_use",
            () => Devices.Select(d => new Measurement<long>(d.Value.MemoryInUseBytes, new("device", d.Key), new("device_kind", d.Value.Kind))),
            "By", "Memory the attempt running on each device takes, by its engine's estimate (0 when idle): in use against the budget.");
    }

    public ClusterGauges(QueuePositionCache queue, IOptions<QueueOptions> options)
    {
        _queue = queue;
        _capacity = options.Value.Capacity;
    }

    /// <summary>A device's state changed (or it started): the gauges show it from the next collection.</summary>
    public static void Report(string deviceKey, string kind, string state, long memoryBudgetBytes, long memoryInUseBytes) =>
        Devices[deviceKey] = new DeviceReading(kind, state, memoryBudgetBytes, memoryInUseBytes);

    public static void Forget(string deviceKey) => Devices.TryRemove(deviceKey, out _);

    // Constructed by the silo's lifecycle, which is all the gauges need.
    public void Participate(ISiloLifecycle lifecycle)
    {
    }

    private sealed record DeviceReading(string Kind, string State, long MemoryBudgetBytes, long MemoryInUseBytes);
}
