using TorchSharp;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Vae;

/// <summary>Decodes one latent window by window (<see cref="VaeTiling"/>) so that the decoder's activations are
/// bounded by the chunk, not the song: at 48 kHz its last stages hold 128 channels per sample, ≈ 15 GB per tensor
/// for a 600 s song in fp32. Each window's core is copied to a float32 buffer on the CPU as soon as it is decoded,
/// as upstream's CPU-offload path does, so the device never holds the whole waveform either.</summary>
public static class TiledVaeDecoder
{
    /// <summary>Latent [1, channels, frames] on the decoder's device → audio [1, audio channels, frames · hop] in
    /// float32 on the CPU. Cancellation is checked before every window.</summary>
    public static Tensor Decode(OobleckDecoder decoder, Tensor latent, VaeTiling tiling, CancellationToken cancellationToken)
    {
        var hop = decoder.Config.HopLength;
        var frames = latent.shape[2];
        var audio = torch.empty([1, decoder.Config.AudioChannels, frames * hop], ScalarType.Float32, torch.CPU);
        foreach (var tile in tiling.Tiles(frames))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var tileScope = NewDisposeScope();
            var window = decoder.forward(latent.narrow(2, tile.WindowStart, tile.WindowFrames));
            // Every upsampling stride is even, so the decoder yields exactly hop samples per frame and the core's
            // samples start at a whole multiple of hop (upstream derives the same factor from the first chunk).
            var core = window.narrow(2, tile.CoreOffset * hop, tile.CoreFrames * hop);
            audio.narrow(2, (tile.WindowStart + tile.CoreOffset) * hop, tile.CoreFrames * hop).copy_(core.to_type(ScalarType.Float32).cpu());
        }
        return audio;
    }
}
