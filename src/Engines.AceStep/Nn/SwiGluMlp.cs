using TorchSharp;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Nn;

/// <summary>Qwen3's gated feed-forward block: down(silu(gate(x)) · up(x)), no biases.</summary>
public sealed class SwiGluMlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear _gate;
    private readonly Linear _up;
    private readonly Linear _down;

    public SwiGluMlp(ParameterFactory factory, long hidden, long intermediate) : base(nameof(SwiGluMlp))
    {
        _gate = new Linear(factory, hidden, intermediate, bias: false);
        _up = new Linear(factory, hidden, intermediate, bias: false);
        _down = new Linear(factory, intermediate, hidden, bias: false);
        register_module("gate_proj", _gate);
        register_module("up_proj", _up);
        register_module("down_proj", _down);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return _down.forward(nn.functional.silu(_gate.forward(input)) * _up.forward(input)).MoveToOuterDisposeScope();
    }
}
