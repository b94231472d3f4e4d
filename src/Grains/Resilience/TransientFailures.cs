using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace AudioMusic.Grains.Resilience;

/// <summary>Which failures of a grain call another try may not meet: the cluster a moment later (a dead silo declared
/// dead, its grains activated elsewhere, a connection made again) answers differently. Shared by the API host's reads
/// and the silo's own hand-overs and retries.</summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception error) => error switch
    {
        TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException => true,
        AggregateException { InnerExceptions.Count: 1 } aggregate => IsTransient(aggregate.InnerExceptions[0]),
        _ => error.InnerException is { } inner && IsTransient(inner),
    };
}
