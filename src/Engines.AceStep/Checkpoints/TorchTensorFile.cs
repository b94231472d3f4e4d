using System.IO.Compression;
using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Checkpoints;

/// <summary>Reads (and, for test checkpoints, writes) one tensor in Python's torch.save format (a zip holding data.pkl and data/&lt;key&gt; storages),
/// as the published silence_latent.pt is. Only the pickle opcodes torch.save emits for a lone tensor are
/// understood; anything else is rejected with the opcode named, never guessed.</summary>
public static class TorchTensorFile
{
    public static Tensor Read(string path)
    {
        using var archive = ZipFile.OpenRead(path);
        var pickle = archive.Entries.SingleOrDefault(e => e.FullName.EndsWith("data.pkl", StringComparison.Ordinal))
            ?? throw new InvalidDataException($"{path} has no data.pkl: not a torch.save archive.");
        var prefix = pickle.FullName[..^"data.pkl".Length];
        byte[] program;
        using (var stream = pickle.Open())
        using (var buffer = new MemoryStream())
        {
            stream.CopyTo(buffer);
            program = buffer.ToArray();
        }
        var rebuilt = new PickleMachine(program).Run() as Reduction
            ?? throw new InvalidDataException($"{path}: data.pkl does not hold a single tensor.");
        if (rebuilt.Function is not Global { Name: "_rebuild_tensor_v2" } || rebuilt.Arguments.Length < 4
            || rebuilt.Arguments[0] is not PersistentReference { Id: object[] storage } || storage.Length < 5)
        {
            throw new InvalidDataException($"{path}: data.pkl does not hold a single tensor.");
        }
        var dtype = StorageType(((Global)storage[1]).Name);
        var key = (string)storage[2];
        var numel = Convert.ToInt64(storage[4], System.Globalization.CultureInfo.InvariantCulture);
        var offset = Convert.ToInt64(rebuilt.Arguments[1], System.Globalization.CultureInfo.InvariantCulture);
        var size = ((object[])rebuilt.Arguments[2]).Select(o => Convert.ToInt64(o, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var stride = ((object[])rebuilt.Arguments[3]).Select(o => Convert.ToInt64(o, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var data = archive.GetEntry(prefix + "data/" + key)
            ?? throw new InvalidDataException($"{path}: storage data/{key} is missing.");
        using var flat = torch.empty([numel], dtype);
        using (var stream = data.Open())
        using (var buffer = new MemoryStream())
        {
            stream.CopyTo(buffer);
            flat.bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        }
        return flat.as_strided(size, stride, offset).contiguous();
    }

    /// <summary>Writes <paramref name="tensor"/> as fp32 the way torch.save does (zip of a protocol-2 data.pkl and one storage).</summary>
    public static void Write(string path, Tensor tensor)
    {
        using var contiguous = tensor.to_type(ScalarType.Float32).contiguous();
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        using (var writer = new BinaryWriter(zip.CreateEntry("archive/data.pkl").Open()))
        {
            writer.Write(new byte[] { 0x80, 0x02 });
            writer.Write(Encoding.ASCII.GetBytes("ctorch._utils\n_rebuild_tensor_v2\nq\x00(("));
            Unicode(writer, "storage");
            writer.Write(Encoding.ASCII.GetBytes("ctorch\nFloatStorage\n"));
            Unicode(writer, "0");
            Unicode(writer, "cpu");
            writer.Write((byte)'J');
            writer.Write((int)contiguous.NumberOfElements);
            writer.Write(Encoding.ASCII.GetBytes("tQK\x00("));
            foreach (var size in contiguous.shape)
            {
                writer.Write((byte)'J');
                writer.Write((int)size);
            }
            writer.Write((byte)'t');
            writer.Write((byte)'(');
            foreach (var stride in contiguous.stride())
            {
                writer.Write((byte)'J');
                writer.Write((int)stride);
            }
            writer.Write((byte)'t');
            writer.Write((byte)0x89); // NEWFALSE: requires_grad
            writer.Write(Encoding.ASCII.GetBytes("ccollections\nOrderedDict\n)RtR."));
        }
        using (var data = zip.CreateEntry("archive/data/0").Open())
        {
            data.Write(contiguous.bytes);
        }
    }

    private static void Unicode(BinaryWriter writer, string text)
    {
        writer.Write((byte)'X');
        var bytes = Encoding.UTF8.GetBytes(text);
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static ScalarType StorageType(string name) => name switch
    {
        "FloatStorage" => ScalarType.Float32,
        "HalfStorage" => ScalarType.Float16,
        "BFloat16Storage" => ScalarType.BFloat16,
        "DoubleStorage" => ScalarType.Float64,
        _ => throw new InvalidDataException($"unsupported tensor storage {name}"),
    };

    private sealed record Global(string Module, string Name);

    private sealed record PersistentReference(object Id);

    private sealed record Reduction(object Function, object[] Arguments);

    private sealed class Mark;

    /// <summary>A pickle protocol 2–4 interpreter restricted to plain data, tuples, globals by name and REDUCE.</summary>
    private sealed class PickleMachine(byte[] program)
    {
        private readonly Stack<object?> _stack = new();
        private readonly Dictionary<long, object?> _memo = [];
        private int _at;

        public object? Run()
        {
            while (true)
            {
                var opcode = program[_at++];
                switch (opcode)
                {
                    case 0x80: _at++; break; // PROTO
                    case 0x95: _at += 8; break; // FRAME
                    case (byte)'c': _stack.Push(new Global(ReadLine(), ReadLine())); break;
                    case 0x93: { var name = (string)_stack.Pop()!; _stack.Push(new Global((string)_stack.Pop()!, name)); break; }
                    case (byte)'q': _memo[program[_at++]] = _stack.Peek(); break;
                    case (byte)'r': _memo[ReadInt32()] = _stack.Peek(); break;
                    case 0x94: _memo[_memo.Count] = _stack.Peek(); break;
                    case (byte)'h': _stack.Push(_memo[program[_at++]]); break;
                    case (byte)'j': _stack.Push(_memo[ReadInt32()]); break;
                    case (byte)'(': _stack.Push(new Mark()); break;
                    case (byte)'t': _stack.Push(PopToMark()); break;
                    case (byte)')': _stack.Push(Array.Empty<object>()); break;
                    case 0x85: _stack.Push(PopTuple(1)); break;
                    case 0x86: _stack.Push(PopTuple(2)); break;
                    case 0x87: _stack.Push(PopTuple(3)); break;
                    case (byte)'X': { var n = ReadInt32(); _stack.Push(Encoding.UTF8.GetString(program, _at, n)); _at += n; break; }
                    case 0x8c: { var n = program[_at++]; _stack.Push(Encoding.UTF8.GetString(program, _at, n)); _at += n; break; }
                    case (byte)'K': _stack.Push((long)program[_at++]); break;
                    case (byte)'M': _stack.Push((long)(program[_at] | (program[_at + 1] << 8))); _at += 2; break;
                    case (byte)'J': _stack.Push((long)ReadInt32()); break;
                    case 0x8a: _stack.Push(ReadLong1()); break;
                    case (byte)'N': _stack.Push(null); break;
                    case 0x88: _stack.Push(true); break;
                    case 0x89: _stack.Push(false); break;
                    case (byte)'}': _stack.Push(new Dictionary<object, object?>()); break;
                    case (byte)']': _stack.Push(new List<object?>()); break;
                    case (byte)'s': { var value = _stack.Pop(); var key = _stack.Pop()!; ((Dictionary<object, object?>)_stack.Peek()!)[key] = value; break; }
                    case (byte)'u': { var items = PopToMark(); var dict = (Dictionary<object, object?>)_stack.Peek()!; for (var i = 0; i < items.Length; i += 2) { dict[items[i]] = items[i + 1]; } break; }
                    case (byte)'a': { var value = _stack.Pop(); ((List<object?>)_stack.Peek()!).Add(value); break; }
                    case (byte)'e': { var items = PopToMark(); ((List<object?>)_stack.Peek()!).AddRange(items); break; }
                    case (byte)'Q': _stack.Push(new PersistentReference(_stack.Pop()!)); break;
                    case (byte)'R': { var args = (object[])_stack.Pop()!; _stack.Push(new Reduction(_stack.Pop()!, args)); break; }
                    case (byte)'b': _stack.Pop(); break; // BUILD: tensor state (e.g. backward hooks) is irrelevant here
                    case (byte)'.': return _stack.Pop();
                    default: throw new InvalidDataException($"unsupported pickle opcode 0x{opcode:x2} at byte {_at - 1}");
                }
            }
        }

        private object[] PopTuple(int count)
        {
            var items = new object[count];
            for (var i = count - 1; i >= 0; i--)
            {
                items[i] = _stack.Pop()!;
            }
            return items;
        }

        private object[] PopToMark()
        {
            var items = new List<object>();
            while (_stack.Peek() is not Mark)
            {
                items.Add(_stack.Pop()!);
            }
            _stack.Pop();
            items.Reverse();
            return items.ToArray();
        }

        private string ReadLine()
        {
            var end = Array.IndexOf(program, (byte)'\n', _at);
            var text = Encoding.ASCII.GetString(program, _at, end - _at);
            _at = end + 1;
            return text;
        }

        private int ReadInt32()
        {
            var value = BitConverter.ToInt32(program, _at);
            _at += 4;
            return value;
        }

        private long ReadLong1()
        {
            var n = program[_at++];
            long value = 0;
            for (var i = 0; i < n; i++)
            {
                value |= (long)program[_at + i] << (8 * i);
            }
            if (n > 0 && (program[_at + n - 1] & 0x80) != 0 && n < 8)
            {
                value -= 1L << (8 * n);
            }
            _at += n;
            return value;
        }
    }
}
