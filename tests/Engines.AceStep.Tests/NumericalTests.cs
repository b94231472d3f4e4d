using AudioMusic.Engines.AceStep.Models;
using AudioMusic.Engines.AceStep.Nn;
using AudioMusic.Engines.AceStep.Sampling;
using AudioMusic.Engines.AceStep.Vae;
using TorchSharp;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Tests;

public sealed class NumericalTests
{
    private static void Fill(nn.Module module, int seed)
    {
        var generator = new Generator((ulong)seed, torch.CPU);
        using var noGrad = torch.no_grad();
        foreach (var (_, parameter) in module.named_parameters())
        {
            parameter.copy_(torch.randn(parameter.shape, generator: generator) * 0.5 + 0.1);
        }
    }

    private static float[] Values(Tensor t) => t.contiguous().to_type(ScalarType.Float32).data<float>().ToArray();

    [Fact]
    public void RmsNormDividesByTheRootMeanSquareAndScales()
    {
        using var norm = new RmsNorm(ParameterFactory.Cpu, 2, epsilon: 0);
        using (torch.no_grad())
        {
            norm.named_parameters().Single().parameter.copy_(torch.tensor(new float[] { 1, 2 }));
        }
        var output = Values(norm.forward(torch.tensor(new float[] { 3, 4 }, [1, 2])));
        var rms = Math.Sqrt((9 + 16) / 2.0);
        Assert.Equal(3 / rms, output[0], 5);
        Assert.Equal(2 * 4 / rms, output[1], 5);
    }

    [Fact]
    public void RotaryEmbeddingRotatesEachPairByPositionTimesFrequency()
    {
        const int dim = 4;
        const double theta = 100;
        using var table = RotaryTable.Create(3, dim, theta, ScalarType.Float32, torch.CPU);
        var x = torch.tensor(new float[] { 1, 2, 3, 4 }, [1, 1, 1, dim]).expand(1, 1, 3, dim);
        var rotated = Values(table.Apply(x)).Chunk(dim).ToArray();
        for (var position = 0; position < 3; position++)
        {
            for (var i = 0; i < dim / 2; i++)
            {
                var angle = position * Math.Pow(theta, -2.0 * i / dim);
                var (a, b) = (i == 0 ? (1.0, 3.0) : (2.0, 4.0));
                Assert.Equal(a * Math.Cos(angle) - b * Math.Sin(angle), rotated[position][i], 4);
                Assert.Equal(b * Math.Cos(angle) + a * Math.Sin(angle), rotated[position][i + dim / 2], 4);
            }
        }
    }

    [Fact]
    public void SlidingWindowMaskAllowsOnlyNearbyPositionsBothWays()
    {
        var mask = AttentionMasks.SlidingWindow(6, 2, torch.CPU).data<bool>().ToArray();
        for (var i = 0; i < 6; i++)
        {
            for (var j = 0; j < 6; j++)
            {
                Assert.Equal(Math.Abs(i - j) <= 2, mask[i * 6 + j]);
            }
        }
    }

    [Fact]
    public void GroupedQueryAttentionMatchesANaivePerHeadComputation()
    {
        var shape = new AttentionShape(Hidden: 8, QueryHeads: 4, KeyValueHeads: 2, HeadDim: 4, Bias: false, RmsEpsilon: 1e-6);
        using var attention = new GqaAttention(ParameterFactory.Cpu, shape);
        Fill(attention, 3);
        var parameters = attention.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        var x = torch.randn([1, 5, 8], generator: new Generator(9, torch.CPU));
        using var rotary = RotaryTable.Create(5, 4, 10_000, ScalarType.Float32, torch.CPU);
        var mask = AttentionMasks.SlidingWindow(5, 1, torch.CPU);

        var actual = Values(attention.SelfAttend(x, rotary, mask));

        Tensor Norm(Tensor v, Tensor weight) => v / (v.pow(2).mean([-1L], keepdim: true) + 1e-6).sqrt() * weight;
        var output = torch.zeros(5, 16);
        for (var head = 0; head < 4; head++)
        {
            var kvHead = head / 2;
            var q = Norm(x[0].matmul(parameters["q_proj.weight"].narrow(0, head * 4, 4).t()), parameters["q_norm.weight"]);
            var k = Norm(x[0].matmul(parameters["k_proj.weight"].narrow(0, kvHead * 4, 4).t()), parameters["k_norm.weight"]);
            var v = x[0].matmul(parameters["v_proj.weight"].narrow(0, kvHead * 4, 4).t());
            q = rotary.Apply(q.unsqueeze(0).unsqueeze(0))[0, 0];
            k = rotary.Apply(k.unsqueeze(0).unsqueeze(0))[0, 0];
            var scores = q.matmul(k.t()) / 2.0;
            scores = scores.masked_fill(mask.logical_not(), double.NegativeInfinity);
            output[.., TensorIndex.Slice(head * 4, head * 4 + 4)] = scores.softmax(-1).matmul(v);
        }
        var expected = Values(output.matmul(parameters["o_proj.weight"].t()));

        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 4);
        }
    }

    [Theory]
    [InlineData(1.0, new[] { 1.0, 0.875, 0.75, 0.625, 0.5, 0.375, 0.25, 0.125 })]
    [InlineData(2.0, new[] { 1.0, 0.9333333333333333, 0.8571428571428571, 0.7692307692307693, 0.6666666666666666, 0.5454545454545454, 0.4, 0.2222222222222222 })]
    [InlineData(3.0, new[] { 1.0, 0.9545454545454546, 0.9, 0.8333333333333334, 0.75, 0.6428571428571429, 0.5, 0.3 })]
    public void ShiftedScheduleReproducesUpstreamTurboTables(double shift, double[] expected)
    {
        var times = FlowMatchSchedule.Timesteps(8, shift);
        Assert.Equal(9, times.Length);
        Assert.Equal(0, times[^1]);
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(expected[i], times[i], 12);
        }
    }

    [Fact]
    public void EulerStepsIntegrateAConstantVelocityExactly()
    {
        var noise = torch.tensor(new float[] { 1, -2, 0.5f });
        var data = torch.tensor(new float[] { 0.25f, 3, -1 });
        var velocity = noise - data;
        var times = FlowMatchSchedule.Timesteps(8, 3);
        var x = noise;
        for (var i = 0; i < 8; i++)
        {
            x = FlowMatchSchedule.EulerStep(x, velocity, times[i], times[i + 1]);
        }
        Assert.Equal(Values(data), Values(x), new FloatTolerance(1e-5f));
    }

    [Fact]
    public void SnakeAddsScaledSquaredSine()
    {
        using var snake = new Snake1d(ParameterFactory.Cpu, 1);
        using (torch.no_grad())
        {
            var p = snake.named_parameters().ToDictionary(n => n.name, n => n.parameter);
            p["alpha"].fill_(Math.Log(2));
            p["beta"].fill_(Math.Log(4));
        }
        var input = new float[] { -1.5f, 0, 0.3f, 2 };
        var output = Values(snake.forward(torch.tensor(input, [1, 1, 4])));
        for (var i = 0; i < input.Length; i++)
        {
            Assert.Equal(input[i] + Math.Pow(Math.Sin(2 * input[i]), 2) / 4, output[i], 5);
        }
    }

    [Fact]
    public void WeightNormFoldingGivesEachOutputRowTheMagnitudeG()
    {
        var g = torch.tensor(new float[] { 2, 10 }, [2, 1, 1]);
        var v = torch.tensor(new float[] { 3, 4, 0, 0, 0, 5 }, [2, 3, 1]);
        var folded = Values(WeightNormConv1d.FoldWeightNorm(g, v));
        Assert.Equal(new[] { 1.2f, 1.6f, 0, 0, 0, 10f }, folded, new FloatTolerance(1e-6f));
    }

    [Fact]
    public void TimestepFeaturesAreCosinesThenSinesOfScaledTime()
    {
        var features = Values(TimestepEmbedding.SinusoidalFeatures(torch.tensor(new float[] { 0.5f }), 8));
        for (var i = 0; i < 4; i++)
        {
            var argument = 500 * Math.Exp(-Math.Log(10_000) * i / 4);
            Assert.Equal(Math.Cos(argument), features[i], 3);
            Assert.Equal(Math.Sin(argument), features[i + 4], 3);
        }
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
