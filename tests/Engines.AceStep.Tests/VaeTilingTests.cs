using AudioMusic.Engines.AceStep.Models;
using AudioMusic.Engines.AceStep.Nn;
using AudioMusic.Engines.AceStep.Pipeline;
using AudioMusic.Engines.AceStep.Vae;
using TorchSharp;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Tests;

/// <summary>Tiled VAE decoding: the window plan, the per-device tiers, agreement with decoding at once on the tiny
/// decoder (which has the published strides, kernels and dilations, so the same receptive field), and the memory
/// estimate's bound.</summary>
public sealed class VaeTilingTests
{
    private const long GiB = 1L << 30;
    private const int Hop = 1920;

    private static DeviceDescriptor Cuda(long memory) => new("cuda:0", DeviceKind.Cuda, 0, memory, "test GPU");

    /// <summary>The tiny decoder with random weights as <c>RandomCheckpoint</c> draws them, except that the
    /// upsampling convolutions keep the signal's scale (unit-norm filters) so that the output depends on the latent
    /// strongly: with small filters five upsamplings leave almost only the biases, and misplaced audio would hide.</summary>
    private static OobleckDecoder TinyDecoder()
    {
        var decoder = new OobleckDecoder(ParameterFactory.Cpu, TinyCheckpoint.VaeConfig);
        var generator = new Generator(5, torch.CPU);
        using var noGrad = torch.no_grad();
        foreach (var (name, parameter) in decoder.named_parameters())
        {
            var snake = name.EndsWith(".alpha", StringComparison.Ordinal) || name.EndsWith(".beta", StringComparison.Ordinal);
            parameter.copy_(snake ? torch.zeros(parameter.shape)
                : name.EndsWith("conv_t1.weight_g", StringComparison.Ordinal) ? torch.ones(parameter.shape)
                : torch.randn(parameter.shape, generator: generator) * 0.2);
        }
        return decoder;
    }

    private static Tensor Latent(long frames, int seed) =>
        torch.randn([1, TinyCheckpoint.AcousticDim, frames], generator: new Generator((ulong)seed, torch.CPU));

    [Theory]
    [InlineData(1)]
    [InlineData(40)]
    [InlineData(41)]
    [InlineData(100)]
    [InlineData(15_000)]
    public void CoresTileTheLatentInOrderAndWindowsStayWithinTheChunk(long frames)
    {
        var tiling = new VaeTiling(40, 12);
        var tiles = tiling.Tiles(frames);
        long next = 0;
        foreach (var tile in tiles)
        {
            var coreStart = tile.WindowStart + tile.CoreOffset;
            Assert.Equal(next, coreStart);
            Assert.True(tile.WindowFrames <= tiling.ChunkFrames);
            Assert.True(tile.CoreFrames is > 0 and <= 40);
            if (tiles.Count > 1)
            {
                // Overlap context on each side wherever the latent has frames there.
                Assert.Equal(Math.Min(12, coreStart), tile.CoreOffset);
                Assert.Equal(Math.Min(12, frames - coreStart - tile.CoreFrames), tile.WindowFrames - tile.CoreOffset - tile.CoreFrames);
            }
            next = coreStart + tile.CoreFrames;
        }
        Assert.Equal(frames, next);
        Assert.Equal(frames <= 40 ? 1 : (frames + 15) / 16, tiles.Count);
    }

    [Fact]
    public void TileSizeFollowsTheDevice()
    {
        Assert.Equal((512, 64), Sizes(VaeTiling.For(TinyWeightsFixture.Cpu)));
        Assert.Equal((512, 64), Sizes(VaeTiling.For(Cuda(141 * GiB))));
        Assert.Equal((384, 64), Sizes(VaeTiling.For(Cuda(16 * GiB))));
        Assert.Equal((256, 64), Sizes(VaeTiling.For(Cuda(12 * GiB))));
        Assert.Equal((128, 32), Sizes(VaeTiling.For(Cuda(8 * GiB))));
        // The CUDA driver could not be asked: the smallest tier.
        Assert.Equal((128, 32), Sizes(VaeTiling.For(Cuda(0))));

        static (int, int) Sizes(VaeTiling tiling) => (tiling.ChunkFrames, tiling.OverlapFrames);
    }

    [Fact]
    public void ReceptiveFieldOfTheDecoderIsWellInsideTheOverlap()
    {
        using var noGrad = torch.no_grad();
        using var scope = NewDisposeScope();
        using var decoder = TinyDecoder();
        const int frames = 40;
        const int poked = 20;
        var latent = Latent(frames, 1);
        var changed = latent.clone();
        changed[.., .., poked] += 1;
        var difference = (decoder.forward(changed) - decoder.forward(latent)).abs().amax([0, 1]);
        var touched = torch.nonzero(difference > 0).flatten().data<long>().ToArray();
        var reach = Math.Max(poked * Hop - touched.Min(), touched.Max() - ((poked + 1) * Hop - 1));
        // Samples that change beyond the poked frame's own, on either side: conv1 (±3 frames), the first block's
        // transposed conv (≈ ±1) and dilated units (±39 samples at 250 Hz = ±3.9 frames), the faster blocks' units
        // and convolutions (< 1 frame together). Measured: 8.1 frames. Upstream's overlap is 64 frames; the test
        // below uses 10.
        Assert.InRange(reach, 7 * Hop, 9 * Hop);
    }

    [Fact]
    public void TiledDecodeMatchesDecodingAtOnceSampleForSample()
    {
        using var noGrad = torch.no_grad();
        using var scope = NewDisposeScope();
        using var decoder = TinyDecoder();
        const int frames = 64;
        var latent = Latent(frames, 2);
        var whole = decoder.forward(latent);

        // Cores of 14 frames: 5 windows. The overlap of 10 frames exceeds the receptive radius (about 8 frames), so
        // every kept sample depends on exactly the inputs it depends on in the whole decode; only the convolution
        // kernels' summation order may differ with the window length: float32 rounding, measured at 5e-7 of the
        // peak. 1e-5 of the peak leaves a wide margin, while dropping the overlap errs by 75 % of the peak.
        var tiled = TiledVaeDecoder.Decode(decoder, latent, new VaeTiling(34, 10), CancellationToken.None);
        Assert.Equal([1, 2, frames * Hop], tiled.shape);
        var peak = whole.abs().max().item<float>();
        var error = (tiled - whole).abs().max().item<float>();
        Assert.True(error <= 1e-5f * peak, $"max error {error} against peak {peak}");

        // Without overlap the seams are wrong: the test would notice a tiling that dropped the context.
        var seams = TiledVaeDecoder.Decode(decoder, latent, new VaeTiling(14, 0), CancellationToken.None);
        Assert.True((seams - whole).abs().max().item<float>() > 1e-2f * peak);
    }

    [Fact]
    public void TiledDecodeStopsWhenCancelled()
    {
        using var decoder = TinyDecoder();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => TiledVaeDecoder.Decode(decoder, Latent(64, 3), new VaeTiling(34, 10), cancelled.Token));
    }

    [Fact]
    public void DecodeEstimateIsBoundedByTheChunkNotTheSong()
    {
        // The published sizes: 128 channels at 48 kHz, 1920 samples per latent frame, bf16 on a GPU.
        var vae = new OobleckConfig();
        var dit = new AceStepConfig();
        var tiling = VaeTiling.For(Cuda(80 * GiB));
        var bound = 4L * 128 * 512 * Hop * 2;
        Assert.Equal(bound, ActivationEstimate.DecodeBytes(vae, AceStepPipeline.LatentFrames(30), tiling, ScalarType.BFloat16));
        Assert.Equal(bound, ActivationEstimate.DecodeBytes(vae, AceStepPipeline.LatentFrames(600), tiling, ScalarType.BFloat16));
        Assert.True(ActivationEstimate.DecodeBytes(vae, AceStepPipeline.LatentFrames(10), tiling, ScalarType.BFloat16) < bound);

        // On a GPU a longer song adds diffusion memory only; on the CPU also its finished waveform.
        double[] seconds = [300, 600];
        var gpu = seconds.Select(s => ActivationEstimate.Bytes(dit, vae, s, 1, ScalarType.BFloat16, tiling, waveformsOnDevice: false)).ToArray();
        var diffusion = seconds.Select(s => ActivationEstimate.DiffusionBytes(dit, AceStepPipeline.LatentFrames(s), 1, ScalarType.BFloat16)).ToArray();
        Assert.Equal(diffusion[1] - diffusion[0], gpu[1] - gpu[0]);
        var cpu = seconds.Select(s => ActivationEstimate.Bytes(dit, vae, s, 1, ScalarType.BFloat16, tiling, waveformsOnDevice: true)).ToArray();
        Assert.Equal(2L * 2 * 300 * 48_000 * sizeof(float), cpu[1] - cpu[0] - (gpu[1] - gpu[0]));
    }
}
