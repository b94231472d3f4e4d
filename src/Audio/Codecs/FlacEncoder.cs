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
/// partitioned Rice residuals. A VORBIS_COMMENT block follows STREAMINFO with the file's tags. Frames are independent,
/// so runs of them are encoded on every core and written in order: the file is the same whatever the core count.</summary>
public sealed class FlacEncoder : IAudioEncoder
{
    public const int BlockSize = 4096;

    /// <summary>Blocks per unit of parallel work: about 2.7 s of 48 kHz audio, some 10–15 ms of one core's time, so
    /// scheduling costs nothing next to it and a window of them in memory stays small.</summary>
    private const int ChunkBlocks = 32;
    private const int ChunkFrames = BlockSize * ChunkBlocks;
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

        // Frames are independent of each other: runs of ChunkBlocks blocks are encoded on every core, a window of them
        // at a time, and written in order. While this thread writes and hashes one window (MD5 is sequential), the next
        // is encoded into the other of two sets of workers' buffers, so the sequential part overlaps the parallel one.
        var chunks = (audio.Frames + ChunkFrames - 1) / ChunkFrames;
        var window = Math.Clamp(Environment.ProcessorCount, 1, Math.Max(1, chunks));
        var sets = Enumerable.Range(0, 2).Select(_ => new WindowEncoder(audio, window, cancellationToken)).ToArray();
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var minFrame = int.MaxValue;
        var maxFrame = 0;
        var next = chunks > 0 ? sets[0].EncodeAsync(0) : null;
        for (var (first, set) = (0, 0); next is not null; first += window, set ^= 1)
        {
            var encoded = next.GetAwaiter().GetResult();
            next = first + window < chunks ? sets[set ^ 1].EncodeAsync(first + window) : null;
            try
            {
                foreach (var chunk in encoded)
                {
                    stream.Write(chunk.Frames.Span);
                    md5.AppendData(chunk.Pcm.Span);
                    minFrame = Math.Min(minFrame, chunk.MinFrame);
                    maxFrame = Math.Max(maxFrame, chunk.MaxFrame);
                }
            }
            catch when (next is not null)
            {
                // The output failed: the window being encoded only touches its own buffers; let it end before leaving.
                next.ContinueWith(_ => { }, TaskScheduler.Default).Wait(CancellationToken.None);
                throw;
            }
        }
        var frameCount = (audio.Frames + BlockSize - 1) / BlockSize;
        BuildStreamInfo(streamInfo, audio, md5.GetHashAndReset(), frameCount == 0 ? 0 : minFrame, maxFrame);
        sink.Patch(4, streamInfo);
        sink.Complete();
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

    /// <summary>A run of encoded frames, the frames' size range, and the run's samples as STREAMINFO's MD5 covers them
    /// (interleaved little-endian 16-bit integers). Both point into the worker's buffers: valid until its next run.</summary>
    private sealed record EncodedChunk(ReadOnlyMemory<byte> Frames, ReadOnlyMemory<byte> Pcm, int MinFrame, int MaxFrame);

    /// <summary>A window of workers, one per core, that encodes consecutive runs together.</summary>
    private sealed class WindowEncoder(AudioBuffer audio, int window, CancellationToken cancellationToken)
    {
        private readonly ChunkEncoder[] _workers = Enumerable.Range(0, window).Select(_ => new ChunkEncoder(audio.ChannelCount, audio.SampleRate)).ToArray();
        private readonly EncodedChunk[] _encoded = new EncodedChunk[window];
        private readonly int _chunks = (audio.Frames + ChunkFrames - 1) / ChunkFrames;

        /// <summary>Encodes up to one run per worker from run <paramref name="first"/> on; the chunks stay valid until this
        /// window encodes again.</summary>
        public Task<ArraySegment<EncodedChunk>> EncodeAsync(int first) => Task.Run(() =>
        {
            var count = Math.Min(window, _chunks - first);
            Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = window },
                k => _encoded[k] = _workers[k].Encode(audio, first + k, cancellationToken));
            return new ArraySegment<EncodedChunk>(_encoded, 0, count);
        }, cancellationToken);
    }

    /// <summary>One worker's buffers, reused from run to run: a song's encode allocates nothing per run (fresh large
    /// buffers each time cost more in page faults and copies than the encoding of some blocks).</summary>
    private sealed class ChunkEncoder(int channels, int sampleRate)
    {
        private readonly int[][] _block = Enumerable.Range(0, channels).Select(_ => new int[BlockSize]).ToArray();
        private readonly FrameEncoder _frames = new(channels, sampleRate, PcmQuantizer.BitsPerSample, BlockSize);
        private readonly byte[] _pcm = new byte[ChunkFrames * channels * sizeof(short)];
        private readonly MemoryStream _output = new(ChunkFrames * channels);

        public EncodedChunk Encode(AudioBuffer audio, int chunk, CancellationToken cancellationToken)
        {
            var start = chunk * ChunkFrames;
            var frames = Math.Min(ChunkFrames, audio.Frames - start);
            var pcm = _pcm.AsMemory(0, frames * channels * sizeof(short));
            var samples = MemoryMarshal.Cast<byte, short>(pcm.Span);
            var output = _output;
            output.SetLength(0);
            var minFrame = int.MaxValue;
            var maxFrame = 0;
            for (var offset = 0; offset < frames; offset += BlockSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var length = Math.Min(BlockSize, frames - offset);
                for (var c = 0; c < channels; c++)
                {
                    var block = _block[c];
                    PcmQuantizer.Quantize(audio.Channels[c].AsSpan(start + offset, length), block.AsSpan(0, length));
                    for (var i = 0; i < length; i++)
                    {
                        samples[((offset + i) * channels) + c] = (short)block[i];
                    }
                }
                var frame = _frames.Encode(_block, length, ((long)chunk * ChunkBlocks) + (offset / BlockSize));
                output.Write(frame);
                minFrame = Math.Min(minFrame, frame.Length);
                maxFrame = Math.Max(maxFrame, frame.Length);
            }
            if (!BitConverter.IsLittleEndian)
            {
                BinaryPrimitives.ReverseEndianness(samples, samples);
            }
            return new EncodedChunk(output.GetBuffer().AsMemory(0, (int)output.Length), pcm, minFrame, maxFrame);
        }
    }
}
