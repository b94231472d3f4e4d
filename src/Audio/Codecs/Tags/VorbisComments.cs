using System.Buffers.Binary;
using System.Text;

namespace AudioMusic.Audio.Codecs.Tags;

/// <summary>The Vorbis comment layout shared by FLAC's VORBIS_COMMENT block and Opus's OpusTags packet:
/// little-endian lengths, a UTF-8 vendor string, then "NAME=value" entries.</summary>
internal static class VorbisComments
{
    public static byte[] Build(AudioTags? tags, ReadOnlySpan<byte> prefix = default)
    {
        var vendor = Encoding.UTF8.GetBytes(AudioTags.Software);
        var entries = (tags ?? AudioTags.None).Fields()
            .Select(f => Encoding.UTF8.GetBytes($"{f.Name}={f.Value}"))
            .ToArray();
        var length = prefix.Length + 4 + vendor.Length + 4 + entries.Sum(e => 4 + e.Length);
        var block = new byte[length];
        var span = block.AsSpan();
        prefix.CopyTo(span);
        span = span[prefix.Length..];
        BinaryPrimitives.WriteInt32LittleEndian(span, vendor.Length);
        vendor.CopyTo(span[4..]);
        span = span[(4 + vendor.Length)..];
        BinaryPrimitives.WriteInt32LittleEndian(span, entries.Length);
        span = span[4..];
        foreach (var entry in entries)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span, entry.Length);
            entry.CopyTo(span[4..]);
            span = span[(4 + entry.Length)..];
        }
        return block;
    }
}
