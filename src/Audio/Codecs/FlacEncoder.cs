using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using AudioMusic.Audio.Codecs.Flac;
using AudioMusic.Audio.Codecs.Tags;
using AudioMusic.Domain;

namespace AudioMusic.Audio.Codecs;

/// <summary>Lossless FLAC in managed code, so the default format needs nothing but the runtime.
/// 16-bit samples (quantised by <see cref="PcmQuantizer"/>): engines deliver mastered float audio, and 16 bits
/// is what every player and the reference decoder handle, at two thirds of 24-bit's size.
/// Fixed 4096-sample blocks; per block the smaller of independent, left/side, right/side and mid/side stereo;
/// per channel the smallest of constant, verbatim, fixed (orders 0–4) and LPC (up to order 12) subframes with
/// partitioned Rice residuals. A VORBIS_COMMENT block follows STREAMINFO with the file's tags.</summary>
public sealed class FlacEncoder : IAudioEncoder
{
    public const int BlockSize = 4096;
    private const int MaxChannels = 8;
    private const int StreamInfoLength = 34;
    private const byte LastVorbisCommentBlock = 0x80 | 4;

    public AudioFormat Format => AudioFormat.Flac;

    public bool IsAvailable => true;

    public string? UnavailableReason => null;

    public void Encode(AudioBuffer audio, Stream output, EncodingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(output);
        if (audio.ChannelCount > MaxChannels)
        {
            throw new ArgumentException($"FLAC holds at most {MaxChannels} channels; this buffer has {audio.ChannelCount}.", nameof(audio));
        }
        if (audio.SampleRate > 655_350)
        {
            throw new ArgumentException($"FLAC cannot describe a sample rate of {audio.SampleRate} Hz.", nameof(audio));
        }

        var sink = new SeekBackOutput(output);
        var stream = sink.Stream;
        stream.Write("fLaC"u8);
        // STREAMINFO is written now and patched at the end, when MD5 and frame sizes are known.
        Span<byte> streamInfo = stackalloc byte[4 + StreamInfoLength];
        BuildStreamInfo(streamInfo, audio, md5: new byte[16], minFrame: 0, maxFrame: 0);
        stream.Write(streamInfo);
        var comments = VorbisComments.Build(options?.Tags);
        Span<byte> blockHeader = [LastVorbisCommentBlock, (byte)(comments.Length >> 16), (byte)(comments.Length >> 8), (byte)comments.Length];
        stream.Write(blockHeader);
        stream.Write(comments);

        var channels = audio.ChannelCount;
        var block = Enumerable.Range(0, channels).Select(_ => new int[BlockSize]).ToArray();
        var interleaved = new short[BlockSize * channels];
        var frames = new FrameEncoder(channels, audio.SampleRate, PcmQuantizer.BitsPerSample, BlockSize);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var minFrame = int.MaxValue;
        var maxFrame = 0;
        long frameNumber = 0;
        for (var start = 0; start < audio.Frames; start += BlockSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var length = Math.Min(BlockSize, audio.Frames - start);
            for (var c = 0; c < channels; c++)
            {
                PcmQuantizer.Quantize(audio.Channels[c].AsSpan(start, length), block[c].AsSpan(0, length));
            }
            AppendToChecksum(md5, block, length, interleaved);

            var frame = frames.Encode(block, length, frameNumber++);
            stream.Write(frame);
            minFrame = Math.Min(minFrame, frame.Length);
            maxFrame = Math.Max(maxFrame, frame.Length);
        }

        BuildStreamInfo(streamInfo, audio, md5.GetHashAndReset(), frameNumber == 0 ? 0 : minFrame, maxFrame);
        sink.Patch(4, streamInfo);
        sink.Complete();
    }

    /// <summary>STREAMINFO's MD5 covers the samples interleaved as little-endian 16-bit integers.</summary>
    private static void AppendToChecksum(IncrementalHash md5, int[][] block, int length, short[] interleaved)
    {
        var channels = block.Length;
        for (var c = 0; c < channels; c++)
        {
            var source = block[c];
            for (var i = 0; i < length; i++)
            {
                interleaved[(i * channels) + c] = (short)source[i];
            }
        }
        var span = interleaved.AsSpan(0, length * channels);
        if (!BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(span, span);
        }
        md5.AppendData(MemoryMarshal.AsBytes(span));
    }

    /// <summary>The metadata block header (type 0; the comments block is the last) and the 34-byte STREAMINFO body.</summary>
    private static void BuildStreamInfo(Span<byte> destination, AudioBuffer audio, byte[] md5, int minFrame, int maxFrame)
    {
        destination.Clear();
        destination[1] = 0;
        destination[2] = 0;
        destination[3] = StreamInfoLength;
        var body = destination[4..];
        BinaryPrimitives.WriteUInt16BigEndian(body, BlockSize);
        BinaryPrimitives.WriteUInt16BigEndian(body[2..], BlockSize);
        WriteUInt24(body[4..], minFrame);
        WriteUInt24(body[7..], maxFrame);
        // 20 bits rate, 3 bits channels−1, 5 bits bits-per-sample−1, 36 bits total samples.
        var packed = ((ulong)audio.SampleRate << 44)
                     | ((ulong)(audio.ChannelCount - 1) << 41)
                     | ((ulong)(PcmQuantizer.BitsPerSample - 1) << 36)
                     | ((ulong)audio.Frames & 0xF_FFFF_FFFF);
        BinaryPrimitives.WriteUInt64BigEndian(body[10..], packed);
        md5.CopyTo(body[18..]);
    }

    private static void WriteUInt24(Span<byte> destination, int value)
    {
        destination[0] = (byte)(value >> 16);
        destination[1] = (byte)(value >> 8);
        destination[2] = (byte)value;
    }
}
