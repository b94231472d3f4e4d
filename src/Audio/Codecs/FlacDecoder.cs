using System.Buffers.Binary;
using AudioMusic.Audio.Codecs.Flac;

namespace AudioMusic.Audio.Codecs;

/// <summary>Decodes a FLAC file into float PCM, in managed code. The service keeps a FLAC master of every output;
/// this is how later work (another format on demand, waveform peaks, measurements) gets the samples back
/// without any native library.</summary>
public static class FlacDecoder
{
    private const int StreamInfoType = 0;

    public static AudioBuffer Decode(Stream input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var copy = new MemoryStream();
        input.CopyTo(copy);
        return Decode(copy.GetBuffer().AsSpan(0, (int)copy.Length), cancellationToken);
    }

    public static AudioBuffer Decode(ReadOnlySpan<byte> flac, CancellationToken cancellationToken = default)
    {
        if (flac.Length < 4 || !flac[..4].SequenceEqual("fLaC"u8))
        {
            throw new InvalidDataException("Not a FLAC stream: the 'fLaC' marker is missing.");
        }
        var (info, position) = ReadMetadata(flac);
        if (info.TotalFrames <= 0)
        {
            throw new InvalidDataException("The FLAC stream does not state its length, which this decoder requires.");
        }
        if (info.TotalFrames > int.MaxValue)
        {
            throw new InvalidDataException("The FLAC stream is too long to decode into memory.");
        }
        var output = Enumerable.Range(0, info.Channels).Select(_ => new float[info.TotalFrames]).ToArray();
        var frames = new FrameDecoder(info);
        long written = 0;
        while (written < info.TotalFrames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (position >= flac.Length)
            {
                throw new InvalidDataException($"The FLAC stream ends after {written} of {info.TotalFrames} samples.");
            }
            var (length, blockSize) = frames.Decode(flac[position..], output, written);
            position += length;
            written += blockSize;
        }
        return new AudioBuffer(info.SampleRate, output);
    }

    /// <summary>Reads the metadata blocks up to the last one; returns STREAMINFO and where the first frame starts.</summary>
    private static (FlacStreamInfo Info, int FirstFrame) ReadMetadata(ReadOnlySpan<byte> flac)
    {
        FlacStreamInfo? info = null;
        var position = 4;
        var last = false;
        while (!last)
        {
            if (position + 4 > flac.Length)
            {
                throw new InvalidDataException("The FLAC metadata is truncated.");
            }
            last = (flac[position] & 0x80) != 0;
            var type = flac[position] & 0x7F;
            var length = (flac[position + 1] << 16) | (flac[position + 2] << 8) | flac[position + 3];
            position += 4;
            if (position + length > flac.Length)
            {
                throw new InvalidDataException("A FLAC metadata block runs past the end of the stream.");
            }
            if (type == StreamInfoType)
            {
                info = ParseStreamInfo(flac.Slice(position, length));
            }
            position += length;
        }
        return (info ?? throw new InvalidDataException("The FLAC stream has no STREAMINFO block."), position);
    }

    private static FlacStreamInfo ParseStreamInfo(ReadOnlySpan<byte> body)
    {
        if (body.Length < 34)
        {
            throw new InvalidDataException("The FLAC STREAMINFO block is too short.");
        }
        var packed = BinaryPrimitives.ReadUInt64BigEndian(body[10..]);
        var sampleRate = (int)(packed >> 44);
        var channels = (int)((packed >> 41) & 0x7) + 1;
        var bits = (int)((packed >> 36) & 0x1F) + 1;
        if (sampleRate == 0 || bits < 4)
        {
            throw new InvalidDataException("The FLAC STREAMINFO block describes no valid stream.");
        }
        return new FlacStreamInfo(BinaryPrimitives.ReadUInt16BigEndian(body), BinaryPrimitives.ReadUInt16BigEndian(body[2..]),
            sampleRate, channels, bits, (long)(packed & 0xF_FFFF_FFFF));
    }
}
