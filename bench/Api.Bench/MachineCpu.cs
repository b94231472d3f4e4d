using System.Diagnostics;
using System.Globalization;

namespace AudioMusic.Api.Bench;

/// <summary>The machine's CPU time from /proc/stat (Linux), so a phase can say how much of the machine went to other
/// processes and how much the hypervisor stole: a latency tail measured on a machine that was not idle is not the
/// host's own.</summary>
public static class MachineCpu
{
    private const string StatPath = "/proc/stat";

    /// <summary>Busy and stolen time of all CPUs so far, or null where /proc/stat does not exist.</summary>
    public static MachineCpuSample? Sample()
    {
        if (!File.Exists(StatPath))
        {
            return null;
        }
        // "cpu  user nice system idle iowait irq softirq steal ..." in clock ticks (USER_HZ, 100 on Linux).
        var fields = File.ReadLines(StatPath).First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6];
        return new MachineCpuSample(TimeSpan.FromSeconds(busy / 100.0), TimeSpan.FromSeconds(fields[7] / 100.0), Stopwatch.GetTimestamp());
    }

    /// <summary>"other processes X CPU-s, steal Y%" between two samples, given this process's CPU time in between.</summary>
    public static string Describe(MachineCpuSample? before, MachineCpuSample? after, TimeSpan ownCpu)
    {
        if (before is null || after is null)
        {
            return "machine CPU unknown";
        }
        var wall = Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp).TotalSeconds;
        var others = (after.Busy - before.Busy - ownCpu).TotalSeconds;
        var steal = (after.Steal - before.Steal).TotalSeconds / (wall * Environment.ProcessorCount);
        return $"other processes {Math.Max(0, others):F1} CPU-s, steal {steal:P1}";
    }
}

public sealed record MachineCpuSample(TimeSpan Busy, TimeSpan Steal, long Timestamp);
