namespace AudioMusic.Audio.Codecs;

/// <summary>Formats whose header depends on the finished stream (FLAC frame sizes, MP3's Xing/LAME tag) write
/// straight into a seekable output and patch the header at the end. A non-seekable output (a network stream)
/// gets the bytes held in memory and copied once complete, so both kinds end up with the same file.</summary>
internal sealed class SeekBackOutput
{
    private readonly Stream _target;
    private readonly MemoryStream? _held;
    private readonly long _origin;

    public SeekBackOutput(Stream target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _target = target;
        if (target.CanSeek)
        {
            _origin = target.Position;
        }
        else
        {
            _held = new MemoryStream();
        }
    }

    public Stream Stream => _held ?? _target;

    /// <summary>Overwrites bytes at <paramref name="offset"/> from the start of this encoder's output.</summary>
    public void Patch(long offset, ReadOnlySpan<byte> bytes)
    {
        var stream = Stream;
        var end = stream.Position;
        stream.Position = (_held is null ? _origin : 0) + offset;
        stream.Write(bytes);
        stream.Position = end;
    }

    public void Complete()
    {
        if (_held is not null)
        {
            _held.Position = 0;
            _held.CopyTo(_target);
        }
        _target.Flush();
    }
}
