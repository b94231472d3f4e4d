using System.Globalization;

namespace AudioMusic.Grains.Access;

[GenerateSerializer]
public sealed class TenantUsageState
{
    /// <summary>Audio seconds by UTC month ("yyyy-MM").</summary>
    [Id(0)] public Dictionary<string, double> Months { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The jobs counted lately, so a completion reported twice (a retried call) counts once.</summary>
    [Id(1)] public List<string> RecentJobs { get; set; } = [];
}

/// <summary>A tenant's generated audio, for <c>monthly_audio_seconds</c> and the usage route.</summary>
public sealed class TenantUsageGrain : Grain, ITenantUsageGrain
{
    private const int RecentJobsKept = 1_000;

    private readonly IPersistentState<TenantUsageState> _state;

    public TenantUsageGrain([PersistentState("usage", StorageNames.Jobs)] IPersistentState<TenantUsageState> state) => _state = state;

    public static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public async Task Add(string jobId, DateTimeOffset completedAt, double seconds)
    {
        var state = _state.State;
        if (seconds <= 0 || state.RecentJobs.Contains(jobId))
        {
            return;
        }
        var month = MonthOf(completedAt);
        state.Months[month] = state.Months.GetValueOrDefault(month) + seconds;
        state.RecentJobs.Add(jobId);
        if (state.RecentJobs.Count > RecentJobsKept)
        {
            state.RecentJobs.RemoveRange(0, state.RecentJobs.Count - RecentJobsKept);
        }
        await _state.WriteStateAsync();
    }

    public Task<TenantAudio> Get(DateTimeOffset now)
    {
        var month = MonthOf(now);
        return Task.FromResult(new TenantAudio(month, _state.State.Months.GetValueOrDefault(month), _state.State.Months.Values.Sum()));
    }
}
