using System.Buffers.Binary;

namespace AudioMusic.Audio.Codecs.Ogg;

/// <summary>Writes one logical Ogg bitstream (RFC 3533): packets laced into pages with their granule positions and
/// CRCs. Packets never continue across pages here (a page is flushed before one would), which every demuxer reads and
/// keeps each page's granule position exact.</summary>
internal sealed class OggPageWriter
{
    private const int MaxSegments = 255;
    private const byte BeginningOfStreamFlag = 0x02;
    private const byte EndOfStreamFlag = 0x04;

    private readonly Stream _output;
    private readonly uint _serialNumber;
    private readonly List<byte> _segments = [];
    private readonly MemoryStream _body = new();
    private uint _sequence;
    private long _granule;
    private bool _begun;

    public OggPageWriter(Stream output, uint serialNumber)
    {
        _output = output;
        _serialNumber = serialNumber;
    }

    /// <summary>Adds a packet ending at <paramref name="granulePosition"/>; flushes the page first when the packet
    /// would not fit in it, and after it when <paramref name="endsPage"/>.</summary>
    public void Add(ReadOnlySpan<byte> packet, long granulePosition, bool endsPage = false, bool endOfStream = false)
    {
        var lacing = (packet.Length / 255) + 1;
        if (lacing > MaxSegments)
        {
            throw new ArgumentException("Packets longer than one page are not written by this writer.", nameof(packet));
        }
        if (_segments.Count + lacing > MaxSegments)
        {
            Flush(endOfStream: false);
        }
        for (var i = 0; i < lacing - 1; i++)
        {
            _segments.Add(255);
        }
        _segments.Add((byte)(packet.Length % 255));
        _body.Write(packet);
        _granule = granulePosition;
        if (endsPage || endOfStream)
        {
            Flush(endOfStream);
        }
    }

    private void Flush(bool endOfStream)
    {
        if (_segments.Count == 0)
        {
            return;
        }
        var header = new byte[27 + _segments.Count];
        "OggS"u8.CopyTo(header);
        header[4] = 0;
        header[5] = (byte)((_begun ? 0 : BeginningOfStreamFlag) | (endOfStream ? EndOfStreamFlag : 0));
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(6), _granule);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(14), _serialNumber);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(18), _sequence++);
        header[26] = (byte)_segments.Count;
        _segments.CopyTo(header, 27);
        var body = _body.GetBuffer().AsSpan(0, (int)_body.Length);
        var crc = OggCrc.Update(OggCrc.Update(0, header), body);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(22), crc);
        _output.Write(header);
        _output.Write(body);
        _segments.Clear();
        _body.SetLength(0);
        _begun = true;
    }
}
