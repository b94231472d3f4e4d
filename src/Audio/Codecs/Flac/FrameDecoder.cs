using System.Buffers.Binary;

namespace AudioMusic.Audio.Codecs.Flac;

/// <summary>Decodes one FLAC frame (RFC 9639 §9): header with its CRC-8, one subframe per channel (constant,
/// verbatim, fixed or LPC, with wasted bits and partitioned Rice or escaped residuals), inter-channel
/// decorrelation, and the CRC-16 footer. Any FLAC stream decodes, not only the ones our encoder writes.</summary>
internal sealed class FrameDecoder
{
    private readonly FlacStreamInfo _info;
    private int[][] _channels;

    public FrameDecoder(FlacStreamInfo info)
    {
        _info = info;
        _channels = Enumerable.Range(0, info.Channels).Select(_ => new int[Math.Max(info.MaxBlockSize, 16)]).ToArray();
    }

    /// <summary>Decodes the frame starting at <paramref name="data"/>[0] into <paramref name="output"/> from frame
    /// <paramref name="outputOffset"/> on; returns the frame's length in bytes and the samples it held per channel.</summary>
    public (int Length, int BlockSize) Decode(ReadOnlySpan<byte> data, float[][] output, long outputOffset)
    {
        var reader = new FlacBitReader(data);
        if (reader.ReadBits(15) != 0x7FFC)
        {
            throw new InvalidDataException("A FLAC frame does not start with the frame sync code.");
        }
        reader.ReadBits(1); // blocking strategy: fixed or variable; the position comes from the running count.
        var blockSizeCode = (int)reader.ReadBits(4);
        var sampleRateCode = (int)reader.ReadBits(4);
        var channelAssignment = (int)reader.ReadBits(4);
        var sampleSizeCode = (int)reader.ReadBits(3);
        reader.ReadBits(1);
        SkipCodedNumber(ref reader);
        var blockSize = blockSizeCode switch
        {
            0 => throw new InvalidDataException("A FLAC frame uses the reserved block size code."),
            1 => 192,
            <= 5 => 576 << (blockSizeCode - 2),
            6 => (int)reader.ReadBits(8) + 1,
            7 => (int)reader.ReadBits(16) + 1,
            _ => 256 << (blockSizeCode - 8),
        };
        switch (sampleRateCode)
        {
            case 12:
                reader.ReadBits(8);
                break;
            case 13 or 14:
                reader.ReadBits(16);
                break;
            case 15:
                throw new InvalidDataException("A FLAC frame uses the invalid sample rate code.");
        }
        var bitsPerSample = sampleSizeCode switch
        {
            0 => _info.BitsPerSample,
            1 => 8,
            2 => 12,
            4 => 16,
            5 => 20,
            6 => 24,
            7 => 32,
            _ => throw new InvalidDataException("A FLAC frame uses the reserved sample size code."),
        };
        var headerLength = reader.BytePosition;
        if (FlacCrc.Crc8(data[..headerLength]) != reader.ReadBits(8))
        {
            throw new InvalidDataException("A FLAC frame header fails its CRC-8.");
        }

        var channelCount = channelAssignment <= 7 ? channelAssignment + 1 : 2;
        if (channelAssignment > 10 || channelCount != _info.Channels)
        {
            throw new InvalidDataException($"A FLAC frame has channel assignment {channelAssignment} in a {_info.Channels}-channel stream.");
        }
        if (blockSize > _channels[0].Length)
        {
            _channels = Enumerable.Range(0, _info.Channels).Select(_ => new int[blockSize]).ToArray();
        }
        for (var c = 0; c < channelCount; c++)
        {
            // The side channel carries one bit more than the others.
            var isSide = (channelAssignment == 8 && c == 1) || (channelAssignment == 9 && c == 0) || (channelAssignment == 10 && c == 1);
            SubframeDecoder.Decode(ref reader, _channels[c].AsSpan(0, blockSize), bitsPerSample + (isSide ? 1 : 0));
        }
        Decorrelate(channelAssignment, blockSize);

        reader.AlignToByte();
        var bodyLength = reader.BytePosition;
        if (bodyLength + 2 > data.Length || FlacCrc.Crc16(data[..bodyLength]) != BinaryPrimitives.ReadUInt16BigEndian(data[bodyLength..]))
        {
            throw new InvalidDataException("A FLAC frame fails its CRC-16.");
        }

        var scale = 1f / (1L << (bitsPerSample - 1));
        for (var c = 0; c < channelCount; c++)
        {
            var source = _channels[c].AsSpan(0, blockSize);
            var destination = output[c].AsSpan((int)outputOffset, Math.Min(blockSize, output[c].Length - (int)outputOffset));
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = source[i] * scale;
            }
        }
        return (bodyLength + 2, blockSize);
    }

    private void Decorrelate(int assignment, int blockSize)
    {
        if (assignment <= 7)
        {
            return;
        }
        var a = _channels[0].AsSpan(0, blockSize);
        var b = _channels[1].AsSpan(0, blockSize);
        for (var i = 0; i < blockSize; i++)
        {
            switch (assignment)
            {
                case 8: // left, side
                    b[i] = a[i] - b[i];
                    break;
                case 9: // side, right
                    a[i] += b[i];
                    break;
                default: // mid, side
                    var side = b[i];
                    var mid = (a[i] << 1) | (side & 1);
                    a[i] = (mid + side) >> 1;
                    b[i] = (mid - side) >> 1;
                    break;
            }
        }
    }

    /// <summary>The frame or sample number, coded like UTF-8 (up to seven bytes); its value is not needed.</summary>
    private static void SkipCodedNumber(ref FlacBitReader reader)
    {
        var first = reader.ReadBits(8);
        var extra = System.Numerics.BitOperations.LeadingZeroCount(~(first << 24));
        if (extra == 1 || extra > 7)
        {
            throw new InvalidDataException("A FLAC frame has a malformed frame number.");
        }
        for (var i = 1; i < extra; i++)
        {
            if ((reader.ReadBits(8) & 0xC0) != 0x80)
            {
                throw new InvalidDataException("A FLAC frame has a malformed frame number.");
            }
        }
    }
}
