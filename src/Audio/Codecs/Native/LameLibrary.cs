namespace AudioMusic.Audio.Codecs.Native;

/// <summary>The entry points of libmp3lame the MP3 encoder uses, resolved once per process.</summary>
internal sealed unsafe class LameLibrary
{
    private static readonly Lazy<(LameLibrary? Library, string? Failure)> Shared = new(Load);

    private LameLibrary()
    {
    }

    public static LameLibrary? Instance => Shared.Value.Library;

    public static string? LoadFailure => Shared.Value.Failure;

    public delegate* unmanaged[Cdecl]<nint> Init { get; private set; }
    public delegate* unmanaged[Cdecl]<nint, int> Close { get; private set; }
    public delegate* unmanaged[Cdecl]<nint, int, int> SetNumChannels { get; private set; }
    public delegate* unmanaged[Cdecl]<nint, int, int> SetInSampleRate { get; private set; }
    public delegate* unmanaged[Cdecl]<nint, int, int> SetOutSampleRate { get; private set; }
    public delegate* unmanaged[Cdecl]<nint, int, int> SetMode { get; private set; }
    public delegate* unmanaged[Cdecl]<nint, int, int> SetVbr { get; private set; }
    public delegate* unmanaged[Cdecl]<nint, float, int> SetVbrQuality { get; private set; }
    public delegate* unmanaged[Cdecl]<nint, int, int> SetQuality { get; private set; }
    public delegate* unmanaged[Cdecl]<nint, int, int> SetBitrate { get; private set; }
    public delegate* unmanaged[Cdecl]<nint, int, int> SetWriteVbrTag { get; private set; }
    public delegate* unmanaged[Cdecl]<nint, int, int> SetWriteId3TagAutomatic { get; private set; }
    public delegate* unmanaged[Cdecl]<nint, int> InitParams { get; private set; }
    public delegate* unmanaged[Cdecl]<nint, float*, float*, int, byte*, int, int> EncodeFloat { get; private set; }
    public delegate* unmanaged[Cdecl]<nint, byte*, int, int> Flush { get; private set; }
    public delegate* unmanaged[Cdecl]<nint, byte*, nuint, nuint> GetLameTagFrame { get; private set; }

    private static (LameLibrary?, string?) Load()
    {
        var probe = NativeLibraryProbe.Load("LAME (libmp3lame)", "the Debian package libmp3lame0",
            "libmp3lame.so.0", "libmp3lame.so", "libmp3lame.0.dylib", "libmp3lame.dylib", "libmp3lame", "mp3lame");
        var lame = new LameLibrary
        {
            Init = (delegate* unmanaged[Cdecl]<nint>)probe.Resolve("lame_init"),
            Close = (delegate* unmanaged[Cdecl]<nint, int>)probe.Resolve("lame_close"),
            SetNumChannels = (delegate* unmanaged[Cdecl]<nint, int, int>)probe.Resolve("lame_set_num_channels"),
            SetInSampleRate = (delegate* unmanaged[Cdecl]<nint, int, int>)probe.Resolve("lame_set_in_samplerate"),
            SetOutSampleRate = (delegate* unmanaged[Cdecl]<nint, int, int>)probe.Resolve("lame_set_out_samplerate"),
            SetMode = (delegate* unmanaged[Cdecl]<nint, int, int>)probe.Resolve("lame_set_mode"),
            SetVbr = (delegate* unmanaged[Cdecl]<nint, int, int>)probe.Resolve("lame_set_VBR"),
            SetVbrQuality = (delegate* unmanaged[Cdecl]<nint, float, int>)probe.Resolve("lame_set_VBR_quality"),
            SetQuality = (delegate* unmanaged[Cdecl]<nint, int, int>)probe.Resolve("lame_set_quality"),
            SetBitrate = (delegate* unmanaged[Cdecl]<nint, int, int>)probe.Resolve("lame_set_brate"),
            SetWriteVbrTag = (delegate* unmanaged[Cdecl]<nint, int, int>)probe.Resolve("lame_set_bWriteVbrTag"),
            SetWriteId3TagAutomatic = (delegate* unmanaged[Cdecl]<nint, int, int>)probe.Resolve("lame_set_write_id3tag_automatic"),
            InitParams = (delegate* unmanaged[Cdecl]<nint, int>)probe.Resolve("lame_init_params"),
            EncodeFloat = (delegate* unmanaged[Cdecl]<nint, float*, float*, int, byte*, int, int>)probe.Resolve("lame_encode_buffer_ieee_float"),
            Flush = (delegate* unmanaged[Cdecl]<nint, byte*, int, int>)probe.Resolve("lame_encode_flush"),
            GetLameTagFrame = (delegate* unmanaged[Cdecl]<nint, byte*, nuint, nuint>)probe.Resolve("lame_get_lametag_frame"),
        };
        return probe.Succeeded ? (lame, null) : (null, "MP3 is unavailable: " + probe.Failure);
    }
}
