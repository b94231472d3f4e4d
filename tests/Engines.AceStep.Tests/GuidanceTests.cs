using AudioMusic.Engines.AceStep.Sampling;
using TorchSharp;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Tests;

/// <summary>The guidance methods against straightforward per-element loops written from upstream's formulas, and
/// their closed-form special cases. Tensors are [batch, frames, channels] as in the sampler.</summary>
public sealed class GuidanceTests
{
    private const int Batch = 2;
    private const int Frames = 6;
    private const int Channels = 3;

    private static Tensor Random(Generator generator, params float[] channelScales) =>
        torch.randn([Batch, Frames, Channels], generator: generator) * torch.tensor(channelScales);

    private static double[,,] Values(Tensor t)
    {
        var flat = t.contiguous().to_type(ScalarType.Float64).data<double>().ToArray();
        var values = new double[Batch, Frames, Channels];
        Buffer.BlockCopy(flat, 0, values, 0, flat.Length * sizeof(double));
        return values;
    }

    private static void AssertClose(double[,,] expected, Tensor actual, double tolerance)
    {
        var got = Values(actual);
        for (var b = 0; b < Batch; b++)
        {
            for (var f = 0; f < Frames; f++)
            {
                for (var c = 0; c < Channels; c++)
                {
                    Assert.True(Math.Abs(expected[b, f, c] - got[b, f, c]) <= tolerance, $"[{b},{f},{c}]: expected {expected[b, f, c]}, got {got[b, f, c]}");
                }
            }
        }
    }

    [Fact]
    public void ApgMatchesANaivePerElementComputationAcrossStepsWithMomentum()
    {
        const double scale = 7;
        var generator = new Generator(21, torch.CPU);
        using var apg = new AdaptiveProjectedGuidance(scale);
        var naive = new NaiveApg(scale, eta: 0, threshold: 2.5, momentum: -0.75);
        for (var step = 0; step < 3; step++)
        {
            using var scope = NewDisposeScope();
            // Channel scales chosen so some (item, channel) differences stay under the 2.5 norm threshold and
            // others exceed it: both branches of the clamp are exercised.
            var conditional = Random(generator, 1, 1, 1);
            var unconditional = conditional - Random(generator, 0.2f, 1, 3);
            var expected = naive.Step(Values(conditional), Values(unconditional));
            AssertClose(expected, apg.Combine(conditional, unconditional, conditional, 0.5), 1e-4);
        }
        Assert.True(naive.Clamped > 0 && naive.Unclamped > 0, $"clamped {naive.Clamped}, unclamped {naive.Unclamped}");
    }

    [Fact]
    public void ApgWithEtaOneAndNeitherThresholdNorMomentumIsClassifierFreeGuidance()
    {
        var generator = new Generator(4, torch.CPU);
        var conditional = Random(generator, 1, 2, 3);
        var unconditional = Random(generator, 1, 2, 3);
        using var apg = new AdaptiveProjectedGuidance(5, eta: 1, normThreshold: 0, momentum: 0);
        using var cfg = new ClassifierFreeGuidance(5);
        var projected = apg.Combine(conditional, unconditional, conditional, 0.5);
        var plain = cfg.Combine(conditional, unconditional, conditional, 0.5);
        Assert.True(torch.allclose(projected, plain, rtol: 1e-5, atol: 1e-5));
        Assert.True(torch.allclose(plain, unconditional + 5 * (conditional - unconditional)));
    }

    [Fact]
    public void ApgWithEtaZeroMovesOnlyOrthogonallyToTheConditionalPredictionAlongTime()
    {
        var generator = new Generator(8, torch.CPU);
        var conditional = Random(generator, 1, 2, 3);
        var unconditional = Random(generator, 1, 2, 3);
        using var apg = new AdaptiveProjectedGuidance(7);
        var update = apg.Combine(conditional, unconditional, conditional, 0.5) - conditional;
        var alongTime = (update * conditional).sum(1);
        Assert.True(alongTime.abs().max().item<float>() < 1e-4f);
        Assert.True(update.abs().max().item<float>() > 0.1f);
    }

    [Fact]
    public void AdgMatchesANaivePerFrameComputation()
    {
        var generator = new Generator(13, torch.CPU);
        var latents = Random(generator, 1, 1, 1);
        var conditional = Random(generator, 1, 1, 1);
        var unconditional = conditional + Random(generator, 0.3f, 0.3f, 0.3f);
        // Scale 7 turns most frames past the clip; scale 1.05 leaves every angle unclipped.
        foreach (var scale in new[] { 7.0, 1.05 })
        {
            using var adg = new AngleDynamicGuidance(scale);
            var expected = NaiveAdg(Values(latents), Values(conditional), Values(unconditional), 0.6, scale);
            AssertClose(expected, adg.Combine(conditional, unconditional, latents, 0.6), 1e-4);
        }
    }

    [Fact]
    public void FactoryBuildsEachMethod()
    {
        using var apg = Guidance.Create(AceStepGuidance.Apg, 3);
        using var adg = Guidance.Create(AceStepGuidance.Adg, 3);
        using var cfg = Guidance.Create(AceStepGuidance.Cfg, 3);
        Assert.IsType<AdaptiveProjectedGuidance>(apg);
        Assert.IsType<AngleDynamicGuidance>(adg);
        Assert.IsType<ClassifierFreeGuidance>(cfg);
        Assert.Equal(3, cfg.Scale);
    }

    /// <summary>APG element by element: momentum, then per (item, channel) along frames the norm clamp, the
    /// projection onto the conditional prediction, and the weighted recombination.</summary>
    private sealed class NaiveApg(double scale, double eta, double threshold, double momentum)
    {
        private double[,,]? _average;

        public int Clamped { get; private set; }

        public int Unclamped { get; private set; }

        public double[,,] Step(double[,,] conditional, double[,,] unconditional)
        {
            var average = new double[Batch, Frames, Channels];
            var guided = new double[Batch, Frames, Channels];
            for (var b = 0; b < Batch; b++)
            {
                for (var c = 0; c < Channels; c++)
                {
                    var d = new double[Frames];
                    for (var f = 0; f < Frames; f++)
                    {
                        average[b, f, c] = conditional[b, f, c] - unconditional[b, f, c] + (_average is null ? 0 : momentum * _average[b, f, c]);
                        d[f] = average[b, f, c];
                    }
                    var norm = Math.Sqrt(d.Sum(v => v * v));
                    var factor = Math.Min(1, threshold / norm);
                    if (factor < 1)
                    {
                        Clamped++;
                    }
                    else
                    {
                        Unclamped++;
                    }
                    var conditionalNorm = Math.Sqrt(Enumerable.Range(0, Frames).Sum(f => conditional[b, f, c] * conditional[b, f, c]));
                    var dot = Enumerable.Range(0, Frames).Sum(f => d[f] * factor * conditional[b, f, c] / conditionalNorm);
                    for (var f = 0; f < Frames; f++)
                    {
                        var parallel = dot * conditional[b, f, c] / conditionalNorm;
                        var orthogonal = d[f] * factor - parallel;
                        guided[b, f, c] = conditional[b, f, c] + (scale - 1) * (orthogonal + eta * parallel);
                    }
                }
            }
            _average = average;
            return guided;
        }
    }

    /// <summary>ADG frame by frame over the latent channels, from upstream's adg_forward.</summary>
    private static double[,,] NaiveAdg(double[,,] x, double[,,] vc, double[,,] vu, double t, double scale)
    {
        var weight = Math.Max(scale - 1, 0) + 1e-3;
        var clip = 3.14 / 6;
        var velocity = new double[Batch, Frames, Channels];
        for (var b = 0; b < Batch; b++)
        {
            for (var f = 0; f < Frames; f++)
            {
                var xc = new double[Channels];
                var xu = new double[Channels];
                for (var c = 0; c < Channels; c++)
                {
                    xc[c] = x[b, f, c] - t * vc[b, f, c];
                    xu[c] = x[b, f, c] - t * vu[b, f, c];
                }
                double Dot(double[] p, double[] q) => Enumerable.Range(0, Channels).Sum(i => p[i] * q[i]);
                var cosine = Math.Clamp(Dot(xc, xu) / Math.Sqrt(Dot(xc, xc) * Dot(xu, xu)), -1 + 1e-6, 1 - 1e-6);
                var angle = Math.Acos(cosine);
                var turned = Math.Clamp(weight * angle, -clip, clip);
                var difference = Enumerable.Range(0, Channels).Select(i => xc[i] - xu[i]).ToArray();
                var along = Dot(difference, xu) / (Dot(xu, xu) + 1e-8);
                var ratio = Math.Sin(angle) > 1e-3 ? Math.Sin(turned) / Math.Sin(angle) : weight;
                for (var c = 0; c < Channels; c++)
                {
                    var orthogonal = difference[c] - along * xu[c];
                    var guided = Math.Cos(turned) * xc[c] + ratio * orthogonal;
                    velocity[b, f, c] = (x[b, f, c] - guided) / t;
                }
            }
        }
        return velocity;
    }
}
