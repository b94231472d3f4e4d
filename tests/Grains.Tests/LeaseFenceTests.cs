using AudioMusic.Grains.Devices;

namespace AudioMusic.Grains.Tests;

/// <summary>The device stops a job before the grain could give it to another device: a margin before the lease,
/// counted from when the last accepted renewal was sent.</summary>
public sealed class LeaseFenceTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);

    [Fact]
    public void Without_an_accepted_renewal_the_device_stops_a_margin_before_the_lease_ends()
    {
        var time = new ManualTime();
        var fence = new LeaseFence(time, Lease, Margin, time.GetTimestamp());
        time.Advance(TimeSpan.FromSeconds(7.9));
        Assert.False(fence.Expired);
        Assert.Equal(TimeSpan.FromSeconds(0.1), fence.Remaining);
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(fence.Expired);
    }

    [Fact]
    public void Each_accepted_renewal_counts_from_when_it_was_sent_never_backwards()
    {
        var time = new ManualTime();
        var fence = new LeaseFence(time, Lease, Margin, time.GetTimestamp());
        time.Advance(TimeSpan.FromSeconds(5));
        var sent = time.GetTimestamp();
        // The answer took 2 s to come back: the lease still counts from the sending.
        time.Advance(TimeSpan.FromSeconds(2));
        fence.Acknowledged(sent);
        Assert.Equal(TimeSpan.FromSeconds(6), fence.Remaining);
        // A late answer to an older renewal does not move the count back.
        fence.Acknowledged(sent - TimeSpan.FromSeconds(4).Ticks);
        Assert.Equal(TimeSpan.FromSeconds(6), fence.Remaining);
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.True(fence.Expired);
    }

    /// <summary>A clock that moves only when told to; timestamps are ticks.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _now = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _now;

        public void Advance(TimeSpan by) => _now += by.Ticks;
    }
}
