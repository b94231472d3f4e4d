using System.Text;

namespace AudioMusic.Audio.Codecs.Tags;

/// <summary>An ID3v2.4 tag with UTF-8 text frames: TIT2 (title), TSSE (encoder) and TXXX frames for the seed and the
/// model. Sizes are "syncsafe" (seven bits a byte), as v2.4 requires for the tag and for every frame.</summary>
internal static class Id3Tag
{
    private const byte Utf8 = 3;

    public static byte[] Build(AudioTags? tags)
    {
        using var frames = new MemoryStream();
        foreach (var (name, value) in (tags ?? AudioTags.None).Fields())
        {
            switch (name)
            {
                case "TITLE":
                    WriteFrame(frames, "TIT2", [Utf8, .. Encoding.UTF8.GetBytes(value)]);
                    break;
                case "ENCODER":
                    WriteFrame(frames, "TSSE", [Utf8, .. Encoding.UTF8.GetBytes(value)]);
                    break;
                default:
                    // TXXX: encoding, description, NUL, value.
                    WriteFrame(frames, "TXXX", [Utf8, .. Encoding.UTF8.GetBytes(name), 0, .. Encoding.UTF8.GetBytes(value)]);
                    break;
            }
        }
        var tag = new byte[10 + frames.Length];
        "ID3"u8.CopyTo(tag);
        tag[3] = 4;
        tag[4] = 0;
        tag[5] = 0;
        WriteSyncsafe(tag.AsSpan(6), (int)frames.Length);
        frames.ToArray().CopyTo(tag, 10);
        return tag;
    }

    private static void WriteFrame(Stream output, string id, byte[] body)
    {
        Span<byte> header = stackalloc byte[10];
        Encoding.ASCII.GetBytes(id, header);
        WriteSyncsafe(header[4..], body.Length);
        output.Write(header);
        output.Write(body);
    }

    private static void WriteSyncsafe(Span<byte> destination, int value)
    {
        if (value >= 1 << 28)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "An ID3v2 size holds at most 28 bits.");
        }
        destination[0] = (byte)((value >> 21) & 0x7F);
        destination[1] = (byte)((value >> 14) & 0x7F);
        destination[2] = (byte)((value >> 7) & 0x7F);
        destination[3] = (byte)(value & 0x7F);
    }
}
