using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Checkpoints;

/// <summary>Writes tensors in the safetensors layout (8-byte header length, JSON header, packed data). Used to
/// produce small random checkpoints for tests and benchmarks that load through the real code path.</summary>
public static class SafeTensorsWriter
{
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, ScalarType storedType)
    {
        var prepared = tensors.Select(t => (t.Key, Tensor: t.Value.to_type(storedType).cpu().contiguous())).ToList();
        try
        {
            var header = new Dictionary<string, object>(StringComparer.Ordinal);
            long offset = 0;
            foreach (var (name, tensor) in prepared)
            {
                var size = tensor.NumberOfElements * tensor.ElementSize;
                header[name] = new { dtype = DTypeName(storedType), shape = tensor.shape, data_offsets = new[] { offset, offset + size } };
                offset += size;
            }
            var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
            var padded = (json.Length + 7) / 8 * 8;
            using var stream = File.Create(path);
            stream.Write(BitConverter.GetBytes((long)padded));
            stream.Write(json);
            stream.Write(Enumerable.Repeat((byte)' ', padded - json.Length).ToArray());
            foreach (var (_, tensor) in prepared)
            {
                stream.Write(tensor.bytes);
            }
        }
        finally
        {
            foreach (var (_, tensor) in prepared)
            {
                tensor.Dispose();
            }
        }
    }

    private static string DTypeName(ScalarType type) => type switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "only floating-point checkpoints are written"),
    };
}
