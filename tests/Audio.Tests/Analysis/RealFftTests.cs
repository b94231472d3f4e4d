using AudioMusic.Audio.Analysis;

namespace AudioMusic.Audio.Tests.Analysis;

public sealed class RealFftTests
{
    /// <summary>The packed real transform gives the magnitudes of the plain complex FFT of the same frame.</summary>
    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(2048)]
    [InlineData(16384)]
    public void Magnitudes_match_the_complex_transform(int size)
    {
        var random = new Random(size);
        var frame = Enumerable.Range(0, size).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
        var real = (double[])frame.Clone();
        var imaginary = new double[size];
        Fft.Transform(real, imaginary);
        var magnitudes = new double[(size / 2) + 1];
        RealFft.For(size).Magnitudes(frame, magnitudes);
        for (var k = 0; k <= size / 2; k++)
        {
            var expected = Math.Sqrt((real[k] * real[k]) + (imaginary[k] * imaginary[k]));
            Assert.True(Math.Abs(expected - magnitudes[k]) <= 1e-9 * Math.Max(1, expected), $"bin {k}: {magnitudes[k]} against {expected}");
        }
    }

    [Fact]
    public void A_sine_peaks_in_its_bin()
    {
        const int size = 1024;
        var frame = Enumerable.Range(0, size).Select(i => Math.Sin(2 * Math.PI * 37 * i / size)).ToArray();
        var magnitudes = new double[(size / 2) + 1];
        RealFft.For(size).Magnitudes(frame, magnitudes);
        Assert.Equal(37, Array.IndexOf(magnitudes, magnitudes.Max()));
        Assert.Equal(size / 2.0, magnitudes[37], 6);
    }
}
