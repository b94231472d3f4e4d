using System.Buffers.Binary;
using AudioMusic.Domain;

namespace AudioMusic.Audio.Codecs;

/// <summary>RIFF/WAVE, 16-bit little-endian PCM, quantised exactly as FLAC is so both decode to the same samples.
/// Tags go into a LIST/INFO chunk after the samples (INAM title, ICMT seed and model, ISFT software), where players
/// that do not know it skip it.</summary>
public sealed class WavEncoder : IAudioEncoder
{
    private const int HeaderLength = 44;
    private const int FramesPerChunk = 8192;

    public AudioFormat Format => AudioFormat.Wav;

    public bool IsAvailable => true;

    public string? UnavailableReason => null;

    public void Encode(AudioBuffer audio, Stream output, EncodingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(output);
        var channels = audio.ChannelCount;
        var blockAlign = channels * 2;
        var dataLength = (long)audio.Frames * blockAlign;
        var info = InfoChunk(options?.Tags);
        if (dataLength + info.Length > uint.MaxValue - HeaderLength)
        {
            throw new ArgumentException("The audio is too long for a RIFF/WAVE file (4 GiB limit).", nameof(audio));
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(dataLength + info.Length + HeaderLength - 8));
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
        // 16-bit frames keep the data chunk's length even, so the INFO chunk starts word-aligned as RIFF requires.
        output.Write(info);
        output.Flush();
    }

    /// <summary>"LIST" "INFO" with one sub-chunk per tag; each value NUL-terminated and padded to an even length.</summary>
    private static byte[] InfoChunk(AudioTags? tags)
    {
        tags ??= AudioTags.None;
        var entries = new List<(string Id, string Value)>();
        if (!string.IsNullOrEmpty(tags.Title))
        {
            entries.Add(("INAM", tags.Title));
        }
        var comment = string.Join("; ", tags.Fields().Where(f => f.Name is "SEED" or "MODEL").Select(f => $"{f.Name.ToLowerInvariant()}={f.Value}"));
        if (comment.Length > 0)
        {
            entries.Add(("ICMT", comment));
        }
        entries.Add(("ISFT", AudioTags.Software));
        using var body = new MemoryStream();
        body.Write("INFO"u8);
        Span<byte> size = stackalloc byte[4];
        foreach (var (id, value) in entries)
        {
            var text = System.Text.Encoding.UTF8.GetBytes(value + "\0");
            body.Write(System.Text.Encoding.ASCII.GetBytes(id));
            BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)text.Length);
            body.Write(size);
            body.Write(text);
            if (text.Length % 2 == 1)
            {
                body.WriteByte(0);
            }
        }
        var chunk = new byte[8 + body.Length];
        "LIST"u8.CopyTo(chunk);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)body.Length);
        body.ToArray().CopyTo(chunk, 8);
        return chunk;
    }
}
