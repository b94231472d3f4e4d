using Microsoft.Extensions.Logging;

namespace AudioMusic.Grains.Jobs;

/// <summary>The JobGrain's log lines.</summary>
public sealed partial class JobGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} accepted ({Task})")]
    private partial void LogSubmitted(string jobId, string task);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} cancelled")]
    private partial void LogCancelled(string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} completed on attempt {Attempt}")]
    private partial void LogCompleted(string jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} attempt {Attempt} failed: {Error}")]
    private partial void LogFailed(string jobId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: rejected a result from stale attempt {Attempt} (current {Current})")]
    private partial void LogStaleResult(string jobId, int attempt, int current);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: lease of attempt {Attempt} on {Device} expired")]
    private partial void LogLeaseExpired(string jobId, int attempt, string device);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId}: its {Seconds} s of audio could not be added to its tenant's usage")]
    private partial void LogUsageLost(Exception error, string jobId, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId}: webhook {WebhookId} could not be stored, so it will not be delivered")]
    private partial void LogWebhookLost(Exception error, string jobId, string webhookId);
}
