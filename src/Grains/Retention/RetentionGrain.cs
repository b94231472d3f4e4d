using AudioMusic.Storage;
using AudioMusic.Storage.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AudioMusic.Grains.Retention;

/// <summary>The retention sweep: reads the job index for audio stored before now − retention, oldest first, and asks each
/// job to delete its audio. A sweep handles at most <see cref="MaxPerSweep"/> jobs so that one turn stays short; the
/// next reminder continues where it stopped.</summary>
public sealed partial class RetentionGrain : Grain, IRetentionGrain, IRemindable
{
    private const string ReminderName = "retention";
    private const int PageSize = 100;
    private const int MaxPerSweep = 10_000;

    private readonly IJobIndex _index;
    private readonly IArtifactStore _artifacts;
    private readonly RetentionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RetentionGrain> _logger;

    public RetentionGrain(IJobIndex index, IArtifactStore artifacts, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionGrain> logger)
    {
        _index = index;
        _artifacts = artifacts;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public async Task Start()
    {
        if (_options.Retention is not null)
        {
            await this.RegisterOrUpdateReminder(ReminderName, _options.SweepPeriod, _options.SweepPeriod);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (_options.Retention is null)
        {
            // Retention was switched off since the reminder was stored (PostgreSQL keeps reminders across restarts).
            if (await this.GetReminder(reminderName) is { } stale)
            {
                await this.UnregisterReminder(stale);
            }
            return;
        }
        await Sweep();
    }

    public async Task<int> Sweep()
    {
        if (_options.Retention is not { } retention)
        {
            return 0;
        }
        var cutoff = _time.GetUtcNow() - retention;
        var deleted = 0;
        while (deleted < MaxPerSweep)
        {
            var page = await _index.AudioStoredBeforeAsync(cutoff, PageSize, CancellationToken.None);
            var expired = 0;
            foreach (var entry in page)
            {
                if (await GrainFactory.GetGrain<IJobGrain>(entry.JobId).ExpireAudio(cutoff, AudioExpiry.Retention))
                {
                    expired++;
                }
            }
            deleted += expired;
            // A page where nothing expired means the index is ahead of the jobs (or empty): stop rather than spin.
            if (page.Count < PageSize || expired == 0)
            {
                break;
            }
        }
        if (deleted > 0)
        {
            LogSwept(deleted, retention);
        }
        return deleted;
    }

    public async Task<int> TrimToMemoryLimit()
    {
        if (_options.MemoryLimitBytes is not { } limit || _artifacts is not MemoryArtifactStore memory)
        {
            return 0;
        }
        var deleted = 0;
        while (memory.HeldBytes > limit && deleted < MaxPerSweep)
        {
            var now = _time.GetUtcNow();
            var page = await _index.AudioStoredBeforeAsync(now, PageSize, CancellationToken.None);
            var expired = 0;
            foreach (var entry in page)
            {
                if (memory.HeldBytes <= limit)
                {
                    break;
                }
                if (await GrainFactory.GetGrain<IJobGrain>(entry.JobId).ExpireAudio(now, AudioExpiry.MemoryLimit))
                {
                    expired++;
                }
            }
            deleted += expired;
            // Nothing completed is left to delete (the audio is that of jobs still running): stop rather than spin.
            if (expired == 0)
            {
                break;
            }
        }
        if (deleted > 0)
        {
            LogTrimmed(deleted, _options.MemoryLimitMb!.Value);
        }
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted the audio of {Count} job(s) completed more than {Retention} ago")]
    private partial void LogSwept(int count, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Information, Message = "Memory limit: deleted the audio of the {Count} oldest job(s) to stay under Storage:MemoryLimitMb = {LimitMb}")]
    private partial void LogTrimmed(int count, int limitMb);
}
