using System.Diagnostics.Tracing;

namespace AudioMusic.Api.Bench;

/// <summary>Listens to the runtime's GC events so that a phase can report how many collections of each generation
/// ran, how long the threads were paused in all and at most, how much was allocated and promoted, and how big the
/// heap was: a latency tail is only explained once it is known whether the pauses line up with it. With allocation
/// sampling on (the runtime names the type of about one allocation per 100 KB), it also tells which types make the
/// garbage.</summary>
public sealed class GcPauseMonitor(bool sampleAllocations) : EventListener
{
    // Runtime event ids (Microsoft-Windows-DotNETRuntime): GCStart_V2, GCRestartEEEnd, GCHeapStats_V2,
    // GCSuspendEEBegin_V1, GCAllocationTick_V4.
    private const int GcStart = 1;
    private const int RestartEnd = 3;
    private const int HeapStats = 4;
    private const int SuspendBegin = 9;
    private const int AllocationTick = 10;
    private const long GcKeyword = 0x1;

    private readonly Lock _lock = new();
    private readonly int[] _collections = new int[3];
    private readonly Dictionary<string, long> _sampledBytesByType = [];
    private readonly List<GcPause> _pauses = [];
    private readonly DateTime _anchorUtc = DateTime.UtcNow;
    private readonly long _anchorTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
    private int _background;
    private int _lastGeneration;
    private DateTime? _suspendedAt;
    private TimeSpan _pauseTotal;
    private TimeSpan _pauseMax;
    private long _heapBytes;
    private long _promotedBytes;
    private long _allocatedBefore = GC.GetTotalAllocatedBytes();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            // Allocation ticks are verbose events, the rest informational.
            EnableEvents(source, sampleAllocations ? EventLevel.Verbose : EventLevel.Informational, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        lock (_lock)
        {
            switch (e.EventId)
            {
                case GcStart when e.Payload is { Count: > 3 } start:
                    var generation = Math.Min(2, Convert.ToInt32(start[1]));
                    _collections[generation]++;
                    _lastGeneration = generation;
                    // Type 1 is a background (concurrent) gen2 collection: it runs beside the application.
                    _background += Convert.ToInt32(start[3]) == 1 ? 1 : 0;
                    break;
                case SuspendBegin:
                    _suspendedAt = e.TimeStamp;
                    break;
                case RestartEnd when _suspendedAt is { } suspended:
                    var pause = e.TimeStamp - suspended;
                    _pauseTotal += pause;
                    _pauseMax = pause > _pauseMax ? pause : _pauseMax;
                    _pauses.Add(new GcPause(ToTimestamp(suspended), pause, _lastGeneration));
                    _suspendedAt = null;
                    break;
                case HeapStats when e.Payload is { Count: > 6 } stats:
                    // Sizes of gen0, gen1, gen2 and the large object heap after the collection.
                    _heapBytes = new[] { 0, 2, 4, 6 }.Sum(i => Convert.ToInt64(stats[i]));
                    // What survived gen0 and gen1: the copying work, which grows with what the application keeps.
                    _promotedBytes += Convert.ToInt64(stats[1]) + Convert.ToInt64(stats[3]);
                    break;
                case AllocationTick when e.Payload is { Count: > 5 } tick && tick[5] is string type:
                    _sampledBytesByType[type] = _sampledBytesByType.GetValueOrDefault(type) + Convert.ToInt64(tick[3]);
                    break;
            }
        }
    }

    // Event times are wall-clock; request times are Stopwatch timestamps. One anchor taken at start relates the two.
    private long ToTimestamp(DateTime at) =>
        _anchorTimestamp + (long)((at.ToUniversalTime() - _anchorUtc).TotalSeconds * System.Diagnostics.Stopwatch.Frequency);

    /// <summary>What happened since the previous call.</summary>
    public GcSummary TakeSummary()
    {
        lock (_lock)
        {
            var allocated = GC.GetTotalAllocatedBytes();
            var topTypes = _sampledBytesByType.OrderByDescending(t => t.Value).Take(25).Select(t => (t.Key, t.Value)).ToList();
            var summary = new GcSummary(_collections[0], _collections[1], _collections[2], _background, _pauseTotal, _pauseMax,
                _heapBytes, _promotedBytes, allocated - _allocatedBefore, topTypes, [.. _pauses]);
            _pauses.Clear();
            _allocatedBefore = allocated;
            Array.Clear(_collections);
            _sampledBytesByType.Clear();
            _background = 0;
            _pauseTotal = TimeSpan.Zero;
            _pauseMax = TimeSpan.Zero;
            _promotedBytes = 0;
            return summary;
        }
    }
}

public sealed record GcSummary(int Gen0, int Gen1, int Gen2, int BackgroundGen2, TimeSpan PauseTotal, TimeSpan PauseMax, long HeapBytes,
    long PromotedBytes, long AllocatedBytes, IReadOnlyList<(string Type, long SampledBytes)> TopAllocatedTypes, IReadOnlyList<GcPause> Pauses)
{
    public override string ToString() =>
        $"GC: gen0 {Gen0}, gen1 {Gen1}, gen2 {Gen2} ({BackgroundGen2} background); paused {PauseTotal.TotalMilliseconds:F0} ms in all, " +
        $"{PauseMax.TotalMilliseconds:F0} ms at most; allocated {AllocatedBytes / 1e6:F0} MB, promoted {PromotedBytes / 1e6:F0} MB; " +
        $"heap {HeapBytes / 1e6:F0} MB after the last";
}

/// <summary>One suspension of the application by the GC: when it began (Stopwatch timestamp), how long, which generation.</summary>
public sealed record GcPause(long StartTimestamp, TimeSpan Duration, int Generation);
