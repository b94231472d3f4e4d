using AudioMusic.Grains.Resilience;
using Orleans.Runtime;

namespace AudioMusic.Grains.Tests;

/// <summary>The hand-over's rules on their own: transient failures are tried again until the call lands or the retry time
/// is spent; any other failure is reported at once.</summary>
public sealed class HandoffRetryTests
{
    private readonly Handoff _handoff = new(TimeProvider.System) { TurnWait = TimeSpan.FromSeconds(30), RetryFor = TimeSpan.FromSeconds(5) };
    private readonly List<Exception> _lost = [];
    private int _calls;

    [Fact]
    public async Task Transient_failures_are_tried_again_until_the_call_lands()
    {
        await _handoff.RunAsync(() => ++_calls < 3 ? throw new SiloUnavailableException("declared dead") : Task.CompletedTask, _lost.Add);
        Assert.Equal(3, _calls);
        Assert.Empty(_lost);
    }

    [Fact]
    public async Task A_failure_that_another_try_would_meet_again_is_reported_at_once()
    {
        await _handoff.RunAsync(() => { _calls++; throw new InvalidOperationException("the store refused it"); }, _lost.Add);
        Assert.Equal(1, _calls);
        Assert.IsType<InvalidOperationException>(Assert.Single(_lost));
    }

    [Fact]
    public async Task Transient_failures_are_reported_once_the_retry_time_is_spent()
    {
        await new Handoff(TimeProvider.System) { TurnWait = TimeSpan.FromSeconds(30), RetryFor = TimeSpan.FromMilliseconds(500) }
            .RunAsync(() => { _calls++; throw new TimeoutException("no answer"); }, _lost.Add);
        Assert.InRange(_calls, 2, 5);
        Assert.IsType<TimeoutException>(Assert.Single(_lost));
    }

    [Fact]
    public async Task The_caller_waits_no_longer_than_its_turn_allows()
    {
        var answer = new TaskCompletionSource();
        var handoff = new Handoff(TimeProvider.System) { TurnWait = TimeSpan.FromMilliseconds(200) };
        var started = DateTime.UtcNow;
        await handoff.RunAsync(() => answer.Task, _lost.Add);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5));
        answer.SetResult();
        Assert.Empty(_lost);
    }
}
