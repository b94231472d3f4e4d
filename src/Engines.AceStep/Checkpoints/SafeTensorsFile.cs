using System.IO.MemoryMappedFiles;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Checkpoints;

/// <summary>One tensor's entry in a safetensors header: dtype, shape and byte range within the data section.</summary>
public sealed record SafeTensorEntry(string Name, string DType, long[] Shape, long Begin, long End)
{
    public ScalarType ScalarType => DType switch
    {
        "F32" => ScalarType.Float32,
        "F16" => ScalarType.Float16,
        "BF16" => ScalarType.BFloat16,
        "F64" => ScalarType.Float64,
        "I64" => ScalarType.Int64,
        "I32" => ScalarType.Int32,
        _ => throw new InvalidDataException($"tensor '{Name}' has unsupported dtype {DType}"),
    };
}

/// <summary>A memory-mapped safetensors file. Tensors are copied one at a time straight from the mapping into
/// their destination, so loading never holds a second full copy of the checkpoint in memory.</summary>
public sealed class SafeTensorsFile : IDisposable
{
    private readonly MemoryMappedFile _mapping;
    private readonly MemoryMappedViewAccessor _view;
    private readonly long _dataStart;

    private SafeTensorsFile(string path, MemoryMappedFile mapping, MemoryMappedViewAccessor view, long dataStart, IReadOnlyDictionary<string, SafeTensorEntry> entries)
    {
        Path = path;
        _mapping = mapping;
        _view = view;
        _dataStart = dataStart;
        Entries = entries;
    }

    public string Path { get; }

    public IReadOnlyDictionary<string, SafeTensorEntry> Entries { get; }

    public static SafeTensorsFile Open(string path)
    {
        var length = new FileInfo(path).Length;
        if (length < 8)
        {
            throw new InvalidDataException($"{path} is too short to be a safetensors file.");
        }
        var mapping = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        var view = mapping.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        try
        {
            var headerLength = view.ReadInt64(0);
            if (headerLength <= 0 || 8 + headerLength > length)
            {
                throw new InvalidDataException($"{path} has an invalid header length {headerLength}.");
            }
            var header = new byte[headerLength];
            view.ReadArray(8, header, 0, header.Length);
            var entries = ParseHeader(path, header, length - 8 - headerLength);
            return new SafeTensorsFile(path, mapping, view, 8 + headerLength, entries);
        }
        catch
        {
            view.Dispose();
            mapping.Dispose();
            throw;
        }
    }

    /// <summary>Copies tensor <paramref name="name"/> into <paramref name="destination"/> (same shape), converting dtype
    /// and moving to the destination's device through one staging tensor of the stored size.</summary>
    public unsafe void CopyInto(string name, Tensor destination)
    {
        var entry = Entries[name];
        using var staging = torch.empty(entry.Shape, entry.ScalarType);
        var byteCount = entry.End - entry.Begin;
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        try
        {
            // The span aliases the read-only mapping; set_bytes only reads it.
            staging.bytes = new Span<byte>(pointer + _view.PointerOffset + _dataStart + entry.Begin, checked((int)byteCount));
        }
        finally
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
        }
        using var noGrad = torch.no_grad();
        destination.copy_(staging);
    }

    public void Dispose()
    {
        _view.Dispose();
        _mapping.Dispose();
    }

    private static Dictionary<string, SafeTensorEntry> ParseHeader(string path, byte[] header, long dataLength)
    {
        using var document = JsonDocument.Parse(header);
        var entries = new Dictionary<string, SafeTensorEntry>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Name == "__metadata__")
            {
                continue;
            }
            var value = property.Value;
            var offsets = value.GetProperty("data_offsets");
            var entry = new SafeTensorEntry(
                property.Name,
                value.GetProperty("dtype").GetString() ?? "",
                value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray(),
                offsets[0].GetInt64(),
                offsets[1].GetInt64());
            if (entry.Begin < 0 || entry.End < entry.Begin || entry.End > dataLength)
            {
                throw new InvalidDataException($"{path}: tensor '{entry.Name}' lies outside the data section.");
            }
            entries.Add(entry.Name, entry);
        }
        return entries;
    }
}
