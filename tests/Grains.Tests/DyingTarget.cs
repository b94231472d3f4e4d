using Orleans.Runtime;

namespace AudioMusic.Grains.Tests;

/// <summary>A grain call filter that plays a silo dying under one method of one grain interface: the first call gets no
/// answer for <paramref name="declaredDeadAfter"/>, then fails as a call to a silo declared dead does; the calls after it
/// go through, as they would to the grain activated on another silo. With <paramref name="diesAfterDoing"/>, the first
/// call is carried out before its answer is lost (the silo died after the work, before the reply).</summary>
public sealed class DyingTarget(Type grainInterface, string method, TimeSpan declaredDeadAfter, bool diesAfterDoing = false) : IIncomingGrainCallFilter
{
    private int _calls;

    /// <summary>Calls of the method seen so far, the failed one included.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod.DeclaringType != grainInterface || context.MethodName != method || Interlocked.Increment(ref _calls) != 1)
        {
            await context.Invoke();
            return;
        }
        if (diesAfterDoing)
        {
            await context.Invoke();
        }
        await Task.Delay(declaredDeadAfter);
        throw new SiloUnavailableException("the silo holding the grain was declared dead");
    }
}
