namespace AudioMusic.Audio.Codecs.Ogg;

/// <summary>The Ogg page checksum: CRC-32 with polynomial 0x04C11DB7, MSB-first, zero initial value, no final XOR,
/// computed with the page's CRC field set to zero.</summary>
internal static class OggCrc
{
    private static readonly uint[] Table = BuildTable();

    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = (crc << 8) ^ Table[(crc >> 24) ^ b];
        }
        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var crc = i << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000_0000) != 0 ? (crc << 1) ^ 0x04C1_1DB7 : crc << 1;
            }
            table[i] = crc;
        }
        return table;
    }
}
