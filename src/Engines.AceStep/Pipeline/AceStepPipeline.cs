using AudioMusic.Engines.AceStep.Sampling;
using AudioMusic.Engines.AceStep.Text;
using AudioMusic.Engines.AceStep.Vae;
using TorchSharp;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Pipeline;

/// <summary>What one generation needs once every automatic value has been decided.</summary>
public sealed record AceStepGeneration(
    string Caption,
    string? Lyrics,
    string Language,
    SongMetadata Metadata,
    IReadOnlyList<int> Seeds,
    int Steps,
    double Shift,
    double GuidanceScale,
    AceStepGuidance Guidance);

/// <summary>Text-to-music as upstream runs it: format and encode the prompts, pack the conditions, integrate the
/// flow ODE from noise with Euler steps, decode the latents with the VAE (window by window, as
/// <paramref name="tiling"/> says) and keep the peak within full scale.</summary>
public sealed class AceStepPipeline(AceStepComponents components, VaeTiling tiling)
{
    public const int LatentRate = 25;
    private const double EncodeShare = 0.05;
    private const double DecodeShare = 0.10;

    /// <summary>Latent frames for a duration (25 per second; at least one patch).</summary>
    public static int LatentFrames(double seconds) => Math.Max(2, (int)Math.Round(seconds * LatentRate));

    /// <summary>Returns one stereo waveform (channel-major float arrays) per seed.</summary>
    public IReadOnlyList<float[][]> Generate(AceStepGeneration generation, IProgress<EngineProgress> progress, CancellationToken cancellationToken)
    {
        using var noGrad = torch.no_grad();
        using var scope = NewDisposeScope();
        progress.Report(new EngineProgress(0, "encoding prompt"));
        var (captionHidden, lyricEmbeddings) = EncodePrompts(generation);
        cancellationToken.ThrowIfCancellationRequested();

        var (model, silence) = components.DiT;
        var frames = LatentFrames(generation.Metadata.DurationSeconds);
        var referenceLatents = SilenceFrames(silence, Math.Min(model.Config.TimbreFixFrame, silence.shape[1]));
        var conditions = model.Encoder.Encode(captionHidden, lyricEmbeddings, referenceLatents);
        var batch = generation.Seeds.Count;
        var prepared = model.Decoder.PrepareConditions(conditions.expand(batch, -1, -1));
        var useGuidance = !model.Config.IsTurbo && generation.GuidanceScale > 1;
        var preparedNull = useGuidance ? model.Decoder.PrepareConditions(model.NullConditionLike(conditions).expand(batch, -1, -1)) : null;
        using var guidance = useGuidance ? Guidance.Create(generation.Guidance, generation.GuidanceScale) : null;
        // Text-to-music context: silence as the source latents and a chunk mask of ones ("generate everything").
        var source = SilenceFrames(silence, frames);
        var context = torch.cat([source, torch.ones_like(source)], -1).expand(batch, -1, -1);
        progress.Report(new EngineProgress(EncodeShare, "encoding prompt"));

        var latents = Sample(generation, model.Decoder, context, prepared, preparedNull, guidance, frames, progress, cancellationToken);
        return Decode(latents, progress, cancellationToken);
    }

    private (Tensor Caption, Tensor Lyrics) EncodePrompts(AceStepGeneration generation)
    {
        var (textModel, tokenizer) = components.TextEncoder;
        var captionIds = tokenizer.Encode(PromptFormatter.Caption(generation.Caption, generation.Metadata), PromptFormatter.MaxCaptionTokens);
        var lyricIds = tokenizer.Encode(PromptFormatter.Lyrics(generation.Lyrics, generation.Language), PromptFormatter.MaxLyricTokens);
        var captionTokens = torch.tensor(captionIds.Select(i => (long)i).ToArray(), [1, captionIds.Count], ScalarType.Int64, components.Device);
        var lyricTokens = torch.tensor(lyricIds.Select(i => (long)i).ToArray(), [1, lyricIds.Count], ScalarType.Int64, components.Device);
        return (textModel.Encode(captionTokens), textModel.Embed(lyricTokens));
    }

    private Tensor Sample(AceStepGeneration generation, Models.AceStepDiT decoder, Tensor context,
        IReadOnlyList<Nn.AttentionContext> conditions, IReadOnlyList<Nn.AttentionContext>? nullConditions, Guidance? guidance,
        int frames, IProgress<EngineProgress> progress, CancellationToken cancellationToken)
    {
        var acousticDim = context.shape[^1] / 2;
        var x = torch.cat(generation.Seeds.Select(seed => Noise(seed, frames, acousticDim)).ToArray(), 0);
        var times = FlowMatchSchedule.Timesteps(generation.Steps, generation.Shift);
        var batch = generation.Seeds.Count;
        for (var step = 0; step < generation.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var stepScope = NewDisposeScope();
            var t = torch.full([batch], times[step], components.DType, components.Device);
            var velocity = decoder.Forward(x, t, context, conditions);
            if (nullConditions is not null && guidance is not null)
            {
                var unconditional = decoder.Forward(x, t, context, nullConditions);
                velocity = guidance.Combine(velocity, unconditional, x, times[step]);
            }
            x = FlowMatchSchedule.EulerStep(x, velocity, times[step], times[step + 1]).MoveToOuterDisposeScope();
            var fraction = EncodeShare + (1 - EncodeShare - DecodeShare) * (step + 1) / generation.Steps;
            progress.Report(new EngineProgress(fraction, $"diffusion step {step + 1}/{generation.Steps}"));
        }
        return x;
    }

    /// <summary>Seeded Gaussian noise drawn on the CPU so a seed gives the same start on every device.</summary>
    private Tensor Noise(int seed, int frames, long channels)
    {
        using var generator = new Generator((ulong)seed, torch.CPU);
        using var cpu = torch.randn([1, frames, channels], ScalarType.Float32, torch.CPU, generator: generator);
        return cpu.to(components.DType, components.Device);
    }

    private List<float[][]> Decode(Tensor latents, IProgress<EngineProgress> progress, CancellationToken cancellationToken)
    {
        var vae = components.Vae;
        var results = new List<float[][]>();
        var batch = latents.shape[0];
        for (var i = 0; i < batch; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var itemScope = NewDisposeScope();
            var audio = TiledVaeDecoder.Decode(vae.Decoder, latents.narrow(0, i, 1).transpose(1, 2), tiling, cancellationToken);
            var peak = audio.abs().max().item<float>();
            // Upstream's anti-clipping rule: scale down only when the peak exceeds full scale.
            if (peak > 1f)
            {
                audio = audio / peak;
            }
            var channels = new float[audio.shape[1]][];
            for (var c = 0; c < channels.Length; c++)
            {
                channels[c] = audio[0, c].data<float>().ToArray();
            }
            results.Add(channels);
            progress.Report(new EngineProgress(1 - DecodeShare + DecodeShare * (i + 1) / batch, "decoding audio"));
        }
        return results;
    }

    /// <summary>The first <paramref name="frames"/> frames of the silence latent, repeated when a song is longer.</summary>
    private static Tensor SilenceFrames(Tensor silence, long frames)
    {
        var available = silence.shape[1];
        if (frames <= available)
        {
            return silence.narrow(1, 0, frames);
        }
        var repeats = (frames + available - 1) / available;
        return silence.repeat(1, repeats, 1).narrow(1, 0, frames);
    }
}
