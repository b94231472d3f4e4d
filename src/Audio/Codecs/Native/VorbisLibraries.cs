using System.Runtime.InteropServices;

namespace AudioMusic.Audio.Codecs.Native;

/// <summary>libogg's page: header and body bytes to write out, in that order.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OggPage
{
    public byte* Header;
    public CLong HeaderLength;
    public byte* Body;
    public CLong BodyLength;
}

/// <summary>libogg's packet: one compressed Vorbis packet and its position in the stream.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OggPacket
{
    public byte* Packet;
    public CLong Bytes;
    public CLong BeginningOfStream;
    public CLong EndOfStream;
    public long GranulePosition;
    public long PacketNumber;
}

/// <summary>The entry points of libogg, libvorbis and libvorbisenc the Ogg Vorbis encoder uses, resolved once.
/// Their state structures stay opaque: the encoder gives each a generously sized zeroed block.</summary>
internal sealed unsafe class VorbisLibraries
{
    private static readonly Lazy<(VorbisLibraries? Libraries, string? Failure)> Shared = new(Load);

    private VorbisLibraries()
    {
    }

    public static VorbisLibraries? Instance => Shared.Value.Libraries;

    public static string? LoadFailure => Shared.Value.Failure;

    public delegate* unmanaged[Cdecl]<void*, int, int> OggStreamInit { get; private set; }
    public delegate* unmanaged[Cdecl]<void*, OggPacket*, int> OggStreamPacketIn { get; private set; }
    public delegate* unmanaged[Cdecl]<void*, OggPage*, int> OggStreamPageOut { get; private set; }
    public delegate* unmanaged[Cdecl]<void*, OggPage*, int> OggStreamFlush { get; private set; }
    public delegate* unmanaged[Cdecl]<void*, int> OggStreamClear { get; private set; }

    public delegate* unmanaged[Cdecl]<void*, void> InfoInit { get; private set; }
    public delegate* unmanaged[Cdecl]<void*, void> InfoClear { get; private set; }
    public delegate* unmanaged[Cdecl]<void*, void> CommentInit { get; private set; }
    public delegate* unmanaged[Cdecl]<void*, byte*, byte*, void> CommentAddTag { get; private set; }
    public delegate* unmanaged[Cdecl]<void*, void> CommentClear { get; private set; }
    public delegate* unmanaged[Cdecl]<void*, void*, int> AnalysisInit { get; private set; }
    public delegate* unmanaged[Cdecl]<void*, void*, int> BlockInit { get; private set; }
    public delegate* unmanaged[Cdecl]<void*, int> BlockClear { get; private set; }
    public delegate* unmanaged[Cdecl]<void*, void> DspClear { get; private set; }
    public delegate* unmanaged[Cdecl]<void*, void*, OggPacket*, OggPacket*, OggPacket*, int> AnalysisHeaderOut { get; private set; }
    public delegate* unmanaged[Cdecl]<void*, int, float**> AnalysisBuffer { get; private set; }
    public delegate* unmanaged[Cdecl]<void*, int, int> AnalysisWrote { get; private set; }
    public delegate* unmanaged[Cdecl]<void*, void*, int> AnalysisBlockOut { get; private set; }
    public delegate* unmanaged[Cdecl]<void*, OggPacket*, int> Analysis { get; private set; }
    public delegate* unmanaged[Cdecl]<void*, int> BitrateAddBlock { get; private set; }
    public delegate* unmanaged[Cdecl]<void*, OggPacket*, int> BitrateFlushPacket { get; private set; }

    public delegate* unmanaged[Cdecl]<void*, CLong, CLong, float, int> EncodeInitVbr { get; private set; }
    public delegate* unmanaged[Cdecl]<void*, CLong, CLong, CLong, CLong, CLong, int> EncodeInit { get; private set; }

    private static (VorbisLibraries?, string?) Load()
    {
        var ogg = NativeLibraryProbe.Load("libogg", "the Debian package libogg0", "libogg.so.0", "libogg.so", "libogg.0.dylib", "libogg", "ogg");
        var vorbis = NativeLibraryProbe.Load("libvorbis", "the Debian package libvorbis0a", "libvorbis.so.0", "libvorbis.so", "libvorbis.0.dylib", "libvorbis", "vorbis");
        var vorbisEnc = NativeLibraryProbe.Load("libvorbisenc", "the Debian package libvorbisenc2", "libvorbisenc.so.2", "libvorbisenc.so", "libvorbisenc.2.dylib", "libvorbisenc", "vorbisenc");
        var libraries = new VorbisLibraries
        {
            OggStreamInit = (delegate* unmanaged[Cdecl]<void*, int, int>)ogg.Resolve("ogg_stream_init"),
            OggStreamPacketIn = (delegate* unmanaged[Cdecl]<void*, OggPacket*, int>)ogg.Resolve("ogg_stream_packetin"),
            OggStreamPageOut = (delegate* unmanaged[Cdecl]<void*, OggPage*, int>)ogg.Resolve("ogg_stream_pageout"),
            OggStreamFlush = (delegate* unmanaged[Cdecl]<void*, OggPage*, int>)ogg.Resolve("ogg_stream_flush"),
            OggStreamClear = (delegate* unmanaged[Cdecl]<void*, int>)ogg.Resolve("ogg_stream_clear"),
            InfoInit = (delegate* unmanaged[Cdecl]<void*, void>)vorbis.Resolve("vorbis_info_init"),
            InfoClear = (delegate* unmanaged[Cdecl]<void*, void>)vorbis.Resolve("vorbis_info_clear"),
            CommentInit = (delegate* unmanaged[Cdecl]<void*, void>)vorbis.Resolve("vorbis_comment_init"),
            CommentAddTag = (delegate* unmanaged[Cdecl]<void*, byte*, byte*, void>)vorbis.Resolve("vorbis_comment_add_tag"),
            CommentClear = (delegate* unmanaged[Cdecl]<void*, void>)vorbis.Resolve("vorbis_comment_clear"),
            AnalysisInit = (delegate* unmanaged[Cdecl]<void*, void*, int>)vorbis.Resolve("vorbis_analysis_init"),
            BlockInit = (delegate* unmanaged[Cdecl]<void*, void*, int>)vorbis.Resolve("vorbis_block_init"),
            BlockClear = (delegate* unmanaged[Cdecl]<void*, int>)vorbis.Resolve("vorbis_block_clear"),
            DspClear = (delegate* unmanaged[Cdecl]<void*, void>)vorbis.Resolve("vorbis_dsp_clear"),
            AnalysisHeaderOut = (delegate* unmanaged[Cdecl]<void*, void*, OggPacket*, OggPacket*, OggPacket*, int>)vorbis.Resolve("vorbis_analysis_headerout"),
            AnalysisBuffer = (delegate* unmanaged[Cdecl]<void*, int, float**>)vorbis.Resolve("vorbis_analysis_buffer"),
            AnalysisWrote = (delegate* unmanaged[Cdecl]<void*, int, int>)vorbis.Resolve("vorbis_analysis_wrote"),
            AnalysisBlockOut = (delegate* unmanaged[Cdecl]<void*, void*, int>)vorbis.Resolve("vorbis_analysis_blockout"),
            Analysis = (delegate* unmanaged[Cdecl]<void*, OggPacket*, int>)vorbis.Resolve("vorbis_analysis"),
            BitrateAddBlock = (delegate* unmanaged[Cdecl]<void*, int>)vorbis.Resolve("vorbis_bitrate_addblock"),
            BitrateFlushPacket = (delegate* unmanaged[Cdecl]<void*, OggPacket*, int>)vorbis.Resolve("vorbis_bitrate_flushpacket"),
            EncodeInitVbr = (delegate* unmanaged[Cdecl]<void*, CLong, CLong, float, int>)vorbisEnc.Resolve("vorbis_encode_init_vbr"),
            EncodeInit = (delegate* unmanaged[Cdecl]<void*, CLong, CLong, CLong, CLong, CLong, int>)vorbisEnc.Resolve("vorbis_encode_init"),
        };
        var failure = ogg.Failure ?? vorbis.Failure ?? vorbisEnc.Failure;
        return failure is null ? (libraries, null) : (null, "Ogg Vorbis is unavailable: " + failure);
    }
}
