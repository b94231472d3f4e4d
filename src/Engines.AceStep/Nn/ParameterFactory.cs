using TorchSharp;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Nn;

/// <summary>Where and in which precision a module allocates its parameters. Parameters start uninitialised
/// because every value comes from a checkpoint; on the meta device nothing is allocated at all, which lets
/// full-size configurations be inspected for names and shapes.</summary>
public sealed record ParameterFactory(Device Device, ScalarType DType)
{
    public static ParameterFactory Meta { get; } = new(torch.META, ScalarType.Float32);

    public static ParameterFactory Cpu { get; } = new(torch.CPU, ScalarType.Float32);

    public TorchSharp.Modules.Parameter Create(params long[] shape) =>
        new(torch.empty(shape, DType, Device), requires_grad: false);
}
