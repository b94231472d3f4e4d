namespace AudioMusic.Audio.Codecs.Flac;

/// <summary>MSB-first bit packer for one FLAC frame. Bits gather in a 64-bit accumulator and leave it 32 at a
/// time, which keeps Rice coding (the hot loop of the encoder) free of per-bit work.</summary>
internal sealed class FlacBitWriter
{
    private byte[] _buffer;
    private int _bytePosition;
    private ulong _accumulator;
    private int _pendingBits;

    public FlacBitWriter(int initialCapacity) => _buffer = new byte[Math.Max(64, initialCapacity)];

    public int BytesWritten => _bytePosition;

    public void Reset()
    {
        _bytePosition = 0;
        _accumulator = 0;
        _pendingBits = 0;
    }

    /// <summary>Writes the low <paramref name="count"/> (0–32) bits of <paramref name="value"/>.</summary>
    public void Write(uint value, int count)
    {
        if (count == 0)
        {
            return;
        }
        var masked = count == 32 ? value : value & ((1u << count) - 1);
        _accumulator = (_accumulator << count) | masked;
        _pendingBits += count;
        if (_pendingBits >= 32)
        {
            Spill();
        }
    }

    public void WriteSigned(int value, int count) => Write((uint)value, count);

    /// <summary>Writes <paramref name="zeros"/> zero bits followed by a one: the unary part of a Rice code.</summary>
    public void WriteUnary(uint zeros)
    {
        while (zeros >= 31)
        {
            Write(0, 31);
            zeros -= 31;
        }
        Write(1, (int)zeros + 1);
    }

    /// <summary>One Rice-coded residual with parameter <paramref name="k"/> (zigzag-folded beforehand).</summary>
    public void WriteRice(uint folded, int k)
    {
        var quotient = folded >> k;
        if (quotient + 1 + k <= 32)
        {
            // One write: the quotient's zeros, the stop bit and the k low bits side by side.
            Write((1u << k) | (folded & ((1u << k) - 1)), (int)quotient + 1 + k);
        }
        else
        {
            WriteUnary(quotient);
            Write(folded, k);
        }
    }

    /// <summary>Pads with zero bits to the next byte boundary and flushes everything to the buffer.</summary>
    public void AlignToByte()
    {
        var pad = (8 - (_pendingBits & 7)) & 7;
        Write(0, pad);
        while (_pendingBits > 0)
        {
            EnsureCapacity(1);
            _pendingBits -= 8;
            _buffer[_bytePosition++] = (byte)(_accumulator >> _pendingBits);
        }
        _accumulator = 0;
    }

    /// <summary>The bytes written so far; only meaningful after <see cref="AlignToByte"/>.</summary>
    public Span<byte> WrittenSpan => _buffer.AsSpan(0, _bytePosition);

    private void Spill()
    {
        EnsureCapacity(4);
        _pendingBits -= 32;
        var word = (uint)(_accumulator >> _pendingBits);
        _buffer[_bytePosition] = (byte)(word >> 24);
        _buffer[_bytePosition + 1] = (byte)(word >> 16);
        _buffer[_bytePosition + 2] = (byte)(word >> 8);
        _buffer[_bytePosition + 3] = (byte)word;
        _bytePosition += 4;
        // Keep only the bits not yet spilled, so the next shift cannot push live bits out of the accumulator.
        _accumulator &= _pendingBits == 0 ? 0 : (1UL << _pendingBits) - 1;
    }

    private void EnsureCapacity(int extra)
    {
        if (_bytePosition + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
    }
}
