using System.Buffers.Binary;

namespace AudioMusic.Audio.Codecs.Flac;

/// <summary>Reads a FLAC frame MSB-first through a 64-bit cache, so Rice decoding (the hot loop of every FLAC
/// decoder) touches memory once per eight bytes rather than once per bit.</summary>
internal ref struct FlacBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _bytePosition;
    private ulong _cache;
    private int _cachedBits;

    public FlacBitReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _bytePosition = 0;
        _cache = 0;
        _cachedBits = 0;
    }

    /// <summary>Bytes consumed so far; valid only when <see cref="IsByteAligned"/>.</summary>
    public readonly int BytePosition => _bytePosition - (_cachedBits / 8);

    public readonly bool IsByteAligned => _cachedBits % 8 == 0;

    public uint ReadBits(int count)
    {
        if (count == 0)
        {
            return 0;
        }
        if (_cachedBits < count)
        {
            Refill();
            if (_cachedBits < count)
            {
                throw new InvalidDataException("The FLAC frame ends in the middle of a field.");
            }
        }
        var value = (uint)(_cache >> (64 - count));
        _cache <<= count;
        _cachedBits -= count;
        return value;
    }

    public int ReadSigned(int count)
    {
        if (count == 0)
        {
            return 0;
        }
        var raw = ReadBits(count);
        // Sign-extend from the field's width.
        return (int)(raw << (32 - count)) >> (32 - count);
    }

    /// <summary>Counts zero bits up to (and consumes) the next one bit.</summary>
    public int ReadUnary()
    {
        var zeros = 0;
        while (true)
        {
            if (_cachedBits == 0)
            {
                Refill();
                if (_cachedBits == 0)
                {
                    throw new InvalidDataException("The FLAC frame ends inside a unary code.");
                }
            }
            var leading = System.Numerics.BitOperations.LeadingZeroCount(_cache);
            if (leading < _cachedBits)
            {
                zeros += leading;
                // A shift by 64 would be a shift by 0 in C#: drop the whole cache in that case.
                _cache = leading == 63 ? 0 : _cache << (leading + 1);
                _cachedBits -= leading + 1;
                return zeros;
            }
            zeros += _cachedBits;
            _cache = 0;
            _cachedBits = 0;
        }
    }

    /// <summary>One Rice-coded residual with parameter <paramref name="parameter"/>, zig-zag folded back to signed.</summary>
    public int ReadRice(int parameter)
    {
        var quotient = ReadUnary();
        var folded = ((uint)quotient << parameter) | ReadBits(parameter);
        return (int)(folded >> 1) ^ -(int)(folded & 1);
    }

    public void AlignToByte() => ReadBits(_cachedBits % 8);

    /// <summary>Tops the cache up with whole bytes.</summary>
    private void Refill()
    {
        if (_cachedBits <= 0 && _bytePosition + 8 <= _data.Length)
        {
            _cache = BinaryPrimitives.ReadUInt64BigEndian(_data[_bytePosition..]);
            _bytePosition += 8;
            _cachedBits = 64;
            return;
        }
        while (_cachedBits <= 56 && _bytePosition < _data.Length)
        {
            _cache |= (ulong)_data[_bytePosition++] << (56 - _cachedBits);
            _cachedBits += 8;
        }
    }
}
