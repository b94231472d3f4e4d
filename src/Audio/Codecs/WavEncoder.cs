using System.Buffers.Binary;
using AudioMusic.Domain;

namespace AudioMusic.Audio.Codecs;

/// <summary>RIFF/WAVE, 16-bit little-endian PCM, quantised exactly as FLAC is so both decode to the same samples.</summary>
public sealed class WavEncoder : IAudioEncoder
{
    private const int HeaderLength = 44;
    private const int FramesPerChunk = 8192;

    public AudioFormat Format => AudioFormat.Wav;

    public bool IsAvailable => true;

    public string? UnavailableReason => null;

    public void Encode(AudioBuffer audio, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(output);
        var channels = audio.ChannelCount;
        var blockAlign = channels * 2;
        var dataLength = (long)audio.Frames * blockAlign;
        if (dataLength > uint.MaxValue - HeaderLength)
        {
            throw new ArgumentException("The audio is too long for a RIFF/WAVE file (4 GiB limit).", nameof(audio));
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(dataLength + HeaderLength - 8));
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], (uint)audio.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], (uint)(audio.SampleRate * blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], PcmQuantizer.BitsPerSample);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], (uint)dataLength);
        output.Write(header);

        var chunk = new byte[FramesPerChunk * blockAlign];
        var quantised = new int[FramesPerChunk];
        for (var start = 0; start < audio.Frames; start += FramesPerChunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var length = Math.Min(FramesPerChunk, audio.Frames - start);
            for (var c = 0; c < channels; c++)
            {
                PcmQuantizer.Quantize(audio.Channels[c].AsSpan(start, length), quantised);
                for (var i = 0; i < length; i++)
                {
                    BinaryPrimitives.WriteInt16LittleEndian(chunk.AsSpan(((i * channels) + c) * 2), (short)quantised[i]);
                }
            }
            output.Write(chunk, 0, length * blockAlign);
        }
        output.Flush();
    }
}
