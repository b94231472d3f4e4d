using AudioMusic.Engines.AceStep.Models;
using AudioMusic.Engines.AceStep.Nn;
using AudioMusic.Engines.AceStep.Vae;
using TorchSharp;

namespace AudioMusic.Engines.AceStep.Tests;

/// <summary>The published configurations built on the meta device: names, shapes and sizes without allocating weights.</summary>
public sealed class FullSizeShapeTests
{
    private static Dictionary<string, long[]> Shapes(torch.nn.Module module)
    {
        var shapes = module.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        // Every name must be a published one: TorchSharp would name an unregistered field "_field".
        Assert.All(shapes.Keys, name => Assert.DoesNotContain(name.Split('.'), part => part.StartsWith('_')));
        return shapes;
    }

    [Fact]
    public void TurboDiTHasThePublishedLayoutAndAboutTwoBillionParameters()
    {
        using var model = new AceStepModel(ParameterFactory.Meta, new AceStepConfig());
        var shapes = Shapes(model);

        Assert.Equal([2048, 192, 2], shapes["decoder.proj_in.1.weight"]);
        Assert.Equal([2048, 64, 2], shapes["decoder.proj_out.1.weight"]);
        Assert.Equal([64], shapes["decoder.proj_out.1.bias"]);
        Assert.Equal([1, 2, 2048], shapes["decoder.scale_shift_table"]);
        Assert.Equal([1, 6, 2048], shapes["decoder.layers.23.scale_shift_table"]);
        Assert.Equal([2048, 2048], shapes["decoder.layers.0.self_attn.q_proj.weight"]);
        Assert.Equal([1024, 2048], shapes["decoder.layers.0.cross_attn.k_proj.weight"]);
        Assert.Equal([128], shapes["decoder.layers.0.self_attn.q_norm.weight"]);
        Assert.Equal([6144, 2048], shapes["decoder.layers.0.mlp.gate_proj.weight"]);
        Assert.Equal([12288, 2048], shapes["decoder.time_embed.time_proj.weight"]);
        Assert.Equal([2048, 256], shapes["decoder.time_embed_r.linear_1.weight"]);
        Assert.Equal([2048, 2048], shapes["decoder.condition_embedder.weight"]);
        Assert.Equal([2048, 1024], shapes["encoder.text_projector.weight"]);
        Assert.DoesNotContain("encoder.text_projector.bias", shapes.Keys);
        Assert.Equal([2048, 1024], shapes["encoder.lyric_encoder.embed_tokens.weight"]);
        Assert.Contains("encoder.lyric_encoder.layers.7.post_attention_layernorm.weight", shapes.Keys);
        Assert.DoesNotContain("encoder.lyric_encoder.layers.8.mlp.up_proj.weight", shapes.Keys);
        Assert.Equal([2048, 64], shapes["encoder.timbre_encoder.embed_tokens.weight"]);
        Assert.Equal([1, 1, 2048], shapes["encoder.timbre_encoder.special_token"]);
        Assert.Contains("encoder.timbre_encoder.layers.3.self_attn.o_proj.weight", shapes.Keys);
        Assert.Equal([1, 1, 2048], shapes["null_condition_emb"]);

        var decoder = shapes.Where(s => s.Key.StartsWith("decoder.", StringComparison.Ordinal)).Sum(s => s.Value.Aggregate(1L, (a, b) => a * b));
        var total = shapes.Values.Sum(s => s.Aggregate(1L, (a, b) => a * b));
        // Per DiT layer: self- and cross-attention 2·(2·2048² + 2·2048·1024) plus a 3·2048·6144 MLP, about 62.9 M.
        Assert.InRange(decoder, 1_55_0_000_000L, 1_600_000_000L);
        Assert.InRange(total, 2_100_000_000L, 2_250_000_000L);
    }

    [Fact]
    public void TextEncoderMatchesQwen3Embedding06B()
    {
        using var model = new Qwen3TextModel(ParameterFactory.Meta, new Qwen3Config());
        var shapes = Shapes(model);
        Assert.Equal([151_669, 1024], shapes["embed_tokens.weight"]);
        Assert.Equal([2048, 1024], shapes["layers.27.self_attn.q_proj.weight"]);
        Assert.Equal([1024, 1024], shapes["layers.27.self_attn.v_proj.weight"]);
        Assert.Equal([3072, 1024], shapes["layers.0.mlp.up_proj.weight"]);
        Assert.Equal([1024], shapes["norm.weight"]);
        Assert.Equal(595_776_512L, shapes.Values.Sum(s => s.Aggregate(1L, (a, b) => a * b)));
    }

    [Fact]
    public void VaeDecoderMatchesThePublishedOobleckLayout()
    {
        using var vae = new OobleckVae(ParameterFactory.Meta, new OobleckConfig());
        var shapes = Shapes(vae);
        Assert.Equal(1920, vae.Decoder.Config.HopLength);
        Assert.Equal([2048, 64, 7], shapes["decoder.conv1.weight_v"]);
        Assert.Equal([2048, 1, 1], shapes["decoder.conv1.weight_g"]);
        Assert.Equal([2048, 1024, 20], shapes["decoder.block.0.conv_t1.weight_v"]);
        Assert.Equal([2048, 1, 1], shapes["decoder.block.0.conv_t1.weight_g"]);
        Assert.Equal([1, 2048, 1], shapes["decoder.block.0.snake1.alpha"]);
        Assert.Equal([1024, 1024, 7], shapes["decoder.block.0.res_unit3.conv1.weight_v"]);
        Assert.Equal([256, 128, 8], shapes["decoder.block.3.conv_t1.weight_v"]);
        Assert.Equal([128, 128, 4], shapes["decoder.block.4.conv_t1.weight_v"]);
        Assert.Equal([2, 128, 7], shapes["decoder.conv2.weight_v"]);
        Assert.DoesNotContain("decoder.conv2.bias", shapes.Keys);
        Assert.Equal(5, shapes.Keys.Count(k => k.EndsWith("conv_t1.bias", StringComparison.Ordinal)));
    }

    [Fact]
    public void TinyVaeUpsamplesEachLatentFrameTo1920Samples()
    {
        using var decoder = new OobleckDecoder(ParameterFactory.Cpu, TinyCheckpoint.VaeConfig);
        using (torch.no_grad())
        {
            foreach (var (_, p) in decoder.named_parameters())
            {
                p.fill_(0.1);
            }
        }
        using var audio = decoder.forward(torch.zeros(1, TinyCheckpoint.AcousticDim, 3));
        Assert.Equal(new long[] { 1, 2, 3 * 1920 }, audio.shape);
    }
}
