using AudioMusic.Grains.Devices;

namespace AudioMusic.Grains.Tests;

public sealed class DeviceOptionsTests
{
    [Theory]
    [InlineData(null, "cuda", true)]
    [InlineData(null, "cpu", false)]
    [InlineData(null, "none", false)]
    [InlineData(null, null, false)]
    [InlineData(false, "cuda", false)]
    [InlineData(true, "cpu", true)]
    [InlineData(true, null, true)]
    public void Unset_UseCuda_follows_the_build_and_a_setting_overrides_it(bool? useCuda, string? torchBackend, bool offered)
    {
        Assert.Equal(offered, new DeviceOptions { UseCuda = useCuda }.OffersCuda(torchBackend));
    }
}
