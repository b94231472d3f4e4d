namespace AudioMusic.Engines.AceStep.Vae;

/// <summary>One decoding window of a tiled decode, in latent frames: the window fed to the decoder, and the core
/// of it (offset within the window, length) whose audio is kept.</summary>
public readonly record struct VaeTile(long WindowStart, long WindowFrames, long CoreOffset, long CoreFrames);

/// <summary>How the VAE decodes a latent that may be minutes long: windows of at most <see cref="ChunkFrames"/>
/// latent frames whose cores (<see cref="CoreFrames"/> = chunk − 2·overlap) tile the latent end to end, each core
/// flanked by up to <see cref="OverlapFrames"/> frames of context that are decoded and then discarded. A latent that
/// fits in one chunk is decoded at once. This is upstream ACE-Step 1.5's overlap-discard tiling (tiled_decode).</summary>
public sealed record VaeTiling
{
    /// <summary>Upstream's overlap: 64 latent frames (2.56 s) on each side of a core.</summary>
    public const int DefaultOverlapFrames = 64;

    /// <summary>Upstream's largest chunk (VAE_DECODE_MAX_CHUNK_SIZE): 512 latent frames, 20.48 s of audio.</summary>
    public const int MaxChunkFrames = 512;

    private const long GiB = 1L << 30;

    public VaeTiling(int chunkFrames, int overlapFrames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(overlapFrames);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(chunkFrames, 2 * overlapFrames);
        ChunkFrames = chunkFrames;
        OverlapFrames = overlapFrames;
    }

    public int ChunkFrames { get; }

    public int OverlapFrames { get; }

    public int CoreFrames => ChunkFrames - 2 * OverlapFrames;

    /// <summary>The tiling for a device. GPUs take upstream's tiers for CUDA (chunk 512 from 24 GiB, 384 from 16,
    /// 256 from 12, else 128 with the overlap halved to 32 so a core remains), keyed on the device's total memory
    /// rather than upstream's momentary free memory so that the scheduler's estimate and the run agree. The CPU
    /// takes the largest chunk: host memory is ample and every discarded overlap costs decode time there.</summary>
    public static VaeTiling For(DeviceDescriptor device)
    {
        if (device.Kind != DeviceKind.Cuda)
        {
            return new VaeTiling(MaxChunkFrames, DefaultOverlapFrames);
        }
        return device.MemoryBytes switch
        {
            >= 24 * GiB => new VaeTiling(512, DefaultOverlapFrames),
            >= 16 * GiB => new VaeTiling(384, DefaultOverlapFrames),
            >= 12 * GiB => new VaeTiling(256, DefaultOverlapFrames),
            _ => new VaeTiling(128, DefaultOverlapFrames / 2),
        };
    }

    /// <summary>The windows that decode a latent of <paramref name="frames"/> frames: cores of
    /// <see cref="CoreFrames"/> in order (the last one shorter), each window extended by the overlap on both sides
    /// where the latent has frames there.</summary>
    public IReadOnlyList<VaeTile> Tiles(long frames)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frames);
        if (frames <= ChunkFrames)
        {
            return [new VaeTile(0, frames, 0, frames)];
        }
        var tiles = new List<VaeTile>();
        for (long coreStart = 0; coreStart < frames; coreStart += CoreFrames)
        {
            var coreEnd = Math.Min(coreStart + CoreFrames, frames);
            var windowStart = Math.Max(0, coreStart - OverlapFrames);
            var windowEnd = Math.Min(frames, coreEnd + OverlapFrames);
            tiles.Add(new VaeTile(windowStart, windowEnd - windowStart, coreStart - windowStart, coreEnd - coreStart));
        }
        return tiles;
    }
}
