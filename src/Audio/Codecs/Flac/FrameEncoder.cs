namespace AudioMusic.Audio.Codecs.Flac;

/// <summary>Encodes one block of all channels as a FLAC frame: header with CRC-8, one subframe per channel
/// (stereo decorrelated per frame when that is smaller), zero padding, CRC-16.</summary>
internal sealed class FrameEncoder
{
    private const int IndependentStereo = 1;
    private const int LeftSide = 8;
    private const int RightSide = 9;
    private const int MidSide = 10;

    private readonly int _channels;
    private readonly int _bitsPerSample;
    private readonly int _sampleRate;
    private readonly FlacBitWriter _writer;
    private readonly SubframeEncoder _subframes;
    private readonly int[] _mid;
    private readonly int[] _side;
    private readonly FixedAnalysis[] _stereoAnalyses = new FixedAnalysis[4];

    public FrameEncoder(int channels, int sampleRate, int bitsPerSample, int maxBlockSize)
    {
        _channels = channels;
        _sampleRate = sampleRate;
        _bitsPerSample = bitsPerSample;
        _writer = new FlacBitWriter((maxBlockSize * channels * (bitsPerSample + 1) / 8) + 64);
        _subframes = new SubframeEncoder(maxBlockSize);
        _mid = new int[maxBlockSize];
        _side = new int[maxBlockSize];
    }

    /// <summary>Encodes a block; the returned span is valid until the next call.</summary>
    public ReadOnlySpan<byte> Encode(int[][] block, int blockSize, long frameNumber)
    {
        _writer.Reset();
        var assignment = _channels - 1;
        var analyses = _stereoAnalyses;
        if (_channels == 2 && blockSize > 8)
        {
            assignment = ChooseStereoMode(block[0].AsSpan(0, blockSize), block[1].AsSpan(0, blockSize), analyses);
        }

        WriteHeader(blockSize, frameNumber, assignment);
        var side = _side.AsSpan(0, blockSize);
        switch (assignment)
        {
            case LeftSide:
                _subframes.Write(_writer, block[0].AsSpan(0, blockSize), _bitsPerSample, analyses[0]);
                _subframes.Write(_writer, side, _bitsPerSample + 1, analyses[3]);
                break;
            case RightSide:
                _subframes.Write(_writer, side, _bitsPerSample + 1, analyses[3]);
                _subframes.Write(_writer, block[1].AsSpan(0, blockSize), _bitsPerSample, analyses[1]);
                break;
            case MidSide:
                _subframes.Write(_writer, _mid.AsSpan(0, blockSize), _bitsPerSample, analyses[2]);
                _subframes.Write(_writer, side, _bitsPerSample + 1, analyses[3]);
                break;
            case IndependentStereo when _channels == 2 && blockSize > 8:
                _subframes.Write(_writer, block[0].AsSpan(0, blockSize), _bitsPerSample, analyses[0]);
                _subframes.Write(_writer, block[1].AsSpan(0, blockSize), _bitsPerSample, analyses[1]);
                break;
            default:
                for (var c = 0; c < _channels; c++)
                {
                    _subframes.Write(_writer, block[c].AsSpan(0, blockSize), _bitsPerSample);
                }
                break;
        }

        _writer.AlignToByte();
        var crc = FlacCrc.Crc16(_writer.WrittenSpan);
        _writer.Write(crc, 16);
        _writer.AlignToByte();
        return _writer.WrittenSpan;
    }

    /// <summary>Picks the channel assignment with the smallest estimated size; <paramref name="analyses"/> receives
    /// the fixed-predictor analysis of left, right, mid and side.</summary>
    private int ChooseStereoMode(ReadOnlySpan<int> left, ReadOnlySpan<int> right, FixedAnalysis[] analyses)
    {
        var mid = _mid.AsSpan(0, left.Length);
        var side = _side.AsSpan(0, left.Length);
        for (var i = 0; i < left.Length; i++)
        {
            // The decoder rebuilds left/right from mid's floor and side's parity, so nothing is lost by the shift.
            mid[i] = (left[i] + right[i]) >> 1;
            side[i] = left[i] - right[i];
        }
        analyses[0] = SubframeEncoder.AnalyseFixed(left);
        analyses[1] = SubframeEncoder.AnalyseFixed(right);
        analyses[2] = SubframeEncoder.AnalyseFixed(mid);
        analyses[3] = SubframeEncoder.AnalyseFixed(side);
        var l = analyses[0].EstimatedBits;
        var r = analyses[1].EstimatedBits;
        var m = analyses[2].EstimatedBits;
        var s = analyses[3].EstimatedBits;
        var best = IndependentStereo;
        var bestBits = l + r;
        if (l + s < bestBits)
        {
            best = LeftSide;
            bestBits = l + s;
        }
        if (r + s < bestBits)
        {
            best = RightSide;
            bestBits = r + s;
        }
        if (m + s < bestBits)
        {
            best = MidSide;
        }
        return best;
    }

    private void WriteHeader(int blockSize, long frameNumber, int channelAssignment)
    {
        var (blockSizeCode, blockSizeTail, blockSizeTailBits) = BlockSizeCode(blockSize);
        var (rateCode, rateTail, rateTailBits) = SampleRateCode(_sampleRate);

        // Sync code, reserved bit, fixed-blocksize strategy.
        _writer.Write(0b11111111111110_0_0, 16);
        _writer.Write((uint)blockSizeCode, 4);
        _writer.Write((uint)rateCode, 4);
        _writer.Write((uint)channelAssignment, 4);
        _writer.Write((uint)SampleSizeCode(_bitsPerSample), 3);
        _writer.Write(0, 1);
        WriteUtf8Number(frameNumber);
        _writer.Write(blockSizeTail, blockSizeTailBits);
        _writer.Write(rateTail, rateTailBits);
        _writer.AlignToByte();
        _writer.Write(FlacCrc.Crc8(_writer.WrittenSpan), 8);
    }

    /// <summary>Frame numbers use the UTF-8 variable-length scheme extended to 36 bits.</summary>
    private void WriteUtf8Number(long value)
    {
        if (value < 0x80)
        {
            _writer.Write((uint)value, 8);
            return;
        }
        var continuationBytes = value switch
        {
            < 0x800 => 1,
            < 0x10000 => 2,
            < 0x200000 => 3,
            < 0x4000000 => 4,
            < 0x80000000 => 5,
            _ => 6,
        };
        var leadMarker = (0xFF00u >> (continuationBytes + 1)) & 0xFF;
        _writer.Write(leadMarker | (uint)(value >> (6 * continuationBytes)), 8);
        for (var i = continuationBytes - 1; i >= 0; i--)
        {
            _writer.Write(0x80u | (uint)((value >> (6 * i)) & 0x3F), 8);
        }
    }

    private static (int Code, uint Tail, int TailBits) BlockSizeCode(int blockSize) => blockSize switch
    {
        192 => (1, 0, 0),
        576 or 1152 or 2304 or 4608 => (2 + System.Numerics.BitOperations.Log2((uint)(blockSize / 576)), 0, 0),
        256 or 512 or 1024 or 2048 or 4096 or 8192 or 16384 or 32768 => (8 + System.Numerics.BitOperations.Log2((uint)(blockSize / 256)), 0, 0),
        <= 256 => (6, (uint)(blockSize - 1), 8),
        _ => (7, (uint)(blockSize - 1), 16),
    };

    private static (int Code, uint Tail, int TailBits) SampleRateCode(int rate) => rate switch
    {
        88_200 => (1, 0, 0),
        176_400 => (2, 0, 0),
        192_000 => (3, 0, 0),
        8_000 => (4, 0, 0),
        16_000 => (5, 0, 0),
        22_050 => (6, 0, 0),
        24_000 => (7, 0, 0),
        32_000 => (8, 0, 0),
        44_100 => (9, 0, 0),
        48_000 => (10, 0, 0),
        96_000 => (11, 0, 0),
        _ when rate % 1000 == 0 && rate / 1000 <= 255 => (12, (uint)(rate / 1000), 8),
        _ when rate <= 65_535 => (13, (uint)rate, 16),
        _ when rate % 10 == 0 && rate / 10 <= 65_535 => (14, (uint)(rate / 10), 16),
        // Not expressible in the frame header; decoders then take the rate from STREAMINFO.
        _ => (0, 0, 0),
    };

    private static int SampleSizeCode(int bitsPerSample) => bitsPerSample switch
    {
        8 => 1,
        12 => 2,
        16 => 4,
        20 => 5,
        24 => 6,
        32 => 7,
        _ => 0,
    };
}
