using System.Runtime.InteropServices;
using AudioMusic.Audio.Codecs.Native;
using AudioMusic.Domain;

namespace AudioMusic.Audio.Codecs;

/// <summary>Ogg Vorbis through the system's libvorbisenc at VBR quality 0.6 (about 190 kbps for stereo music at
/// 48 kHz), or managed average bitrate when a bitrate is asked for. The Ogg stream serial number is fixed so that
/// equal input gives byte-identical files. Tags go into the Vorbis comment header.</summary>
public sealed unsafe class OggVorbisEncoder : IAudioEncoder
{
    private const float Quality = 0.6f;
    private const int StreamSerialNumber = 0x416D7573;
    private const int FramesPerCall = 4096;
    // libvorbis and libogg state structures are a few hundred bytes on every platform; a larger zeroed block
    // keeps them opaque here without depending on their exact layout.
    private const int OpaqueStateBytes = 4096;

    public AudioFormat Format => AudioFormat.Ogg;

    public bool IsAvailable => VorbisLibraries.Instance is not null;

    public string? UnavailableReason => VorbisLibraries.LoadFailure;

    public void Encode(AudioBuffer audio, Stream output, EncodingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(output);
        var vorbis = VorbisLibraries.Instance ?? throw new InvalidOperationException(UnavailableReason);
        if (audio.ChannelCount > 2)
        {
            throw new ArgumentException($"This encoder writes mono or stereo Vorbis; the buffer has {audio.ChannelCount} channels.", nameof(audio));
        }

        var state = (byte*)NativeMemory.AllocZeroed(OpaqueStateBytes * 5);
        var info = state;
        var comment = state + OpaqueStateBytes;
        var dsp = state + (2 * OpaqueStateBytes);
        var block = state + (3 * OpaqueStateBytes);
        var stream = state + (4 * OpaqueStateBytes);
        var initialised = 0;
        try
        {
            vorbis.InfoInit(info);
            initialised = 1;
            var initialisation = options?.BitrateKbps is { } kbps
                // Average bitrate: -1 leaves the maximum and minimum free.
                ? vorbis.EncodeInit(info, new CLong(audio.ChannelCount), new CLong(audio.SampleRate), new CLong(-1), new CLong(kbps * 1000), new CLong(-1))
                : vorbis.EncodeInitVbr(info, new CLong(audio.ChannelCount), new CLong(audio.SampleRate), Quality);
            if (initialisation != 0)
            {
                throw new ArgumentException($"libvorbisenc has no mode for {audio.ChannelCount} channels at {audio.SampleRate} Hz"
                    + (options?.BitrateKbps is { } asked ? $" and {asked} kbps." : "."), nameof(audio));
            }
            vorbis.CommentInit(comment);
            initialised = 2;
            foreach (var (name, value) in (options?.Tags ?? AudioTags.None).Fields())
            {
                AddTag(vorbis, comment, name, value);
            }
            if (vorbis.AnalysisInit(dsp, info) != 0)
            {
                throw new InvalidOperationException("vorbis_analysis_init failed.");
            }
            initialised = 3;
            vorbis.BlockInit(dsp, block);
            initialised = 4;
            vorbis.OggStreamInit(stream, StreamSerialNumber);
            initialised = 5;

            WriteHeaders(vorbis, dsp, comment, stream, output);
            for (var start = 0; start < audio.Frames; start += FramesPerCall)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = Math.Min(FramesPerCall, audio.Frames - start);
                var buffers = vorbis.AnalysisBuffer(dsp, count);
                for (var c = 0; c < audio.ChannelCount; c++)
                {
                    PcmQuantizer.Clip(audio.Channels[c].AsSpan(start, count), new Span<float>(buffers[c], count));
                }
                vorbis.AnalysisWrote(dsp, count);
                Drain(vorbis, dsp, block, stream, output, endOfInput: false);
            }
            // Zero samples written marks the end of input; the last packets and the end-of-stream page follow.
            vorbis.AnalysisWrote(dsp, 0);
            Drain(vorbis, dsp, block, stream, output, endOfInput: true);
            output.Flush();
        }
        finally
        {
            if (initialised >= 5)
            {
                vorbis.OggStreamClear(stream);
            }
            if (initialised >= 4)
            {
                vorbis.BlockClear(block);
            }
            if (initialised >= 3)
            {
                vorbis.DspClear(dsp);
            }
            if (initialised >= 2)
            {
                vorbis.CommentClear(comment);
            }
            if (initialised >= 1)
            {
                vorbis.InfoClear(info);
            }
            NativeMemory.Free(state);
        }
    }

    private static void AddTag(VorbisLibraries vorbis, void* comment, string name, string value)
    {
        var nameBytes = System.Text.Encoding.UTF8.GetBytes(name + "\0");
        var valueBytes = System.Text.Encoding.UTF8.GetBytes(value + "\0");
        fixed (byte* n = nameBytes)
        fixed (byte* v = valueBytes)
        {
            vorbis.CommentAddTag(comment, n, v);
        }
    }

    private static void WriteHeaders(VorbisLibraries vorbis, void* dsp, void* comment, void* stream, Stream output)
    {
        OggPacket identification, commentHeader, codebooks;
        if (vorbis.AnalysisHeaderOut(dsp, comment, &identification, &commentHeader, &codebooks) != 0)
        {
            throw new InvalidOperationException("vorbis_analysis_headerout failed.");
        }
        vorbis.OggStreamPacketIn(stream, &identification);
        vorbis.OggStreamPacketIn(stream, &commentHeader);
        vorbis.OggStreamPacketIn(stream, &codebooks);
        // The headers must end their pages so that audio data starts on a fresh page, as the Vorbis spec requires.
        OggPage page;
        while (vorbis.OggStreamFlush(stream, &page) != 0)
        {
            WritePage(&page, output);
        }
    }

    private static void Drain(VorbisLibraries vorbis, void* dsp, void* block, void* stream, Stream output, bool endOfInput)
    {
        OggPacket packet;
        OggPage page;
        while (vorbis.AnalysisBlockOut(dsp, block) == 1)
        {
            vorbis.Analysis(block, null);
            vorbis.BitrateAddBlock(block);
            while (vorbis.BitrateFlushPacket(dsp, &packet) == 1)
            {
                vorbis.OggStreamPacketIn(stream, &packet);
                while (vorbis.OggStreamPageOut(stream, &page) != 0)
                {
                    WritePage(&page, output);
                }
            }
        }
        // After end of input libogg holds a final partial page until flushed.
        while (endOfInput && vorbis.OggStreamFlush(stream, &page) != 0)
        {
            WritePage(&page, output);
        }
    }

    private static void WritePage(OggPage* page, Stream output)
    {
        output.Write(new ReadOnlySpan<byte>(page->Header, (int)page->HeaderLength.Value));
        output.Write(new ReadOnlySpan<byte>(page->Body, (int)page->BodyLength.Value));
    }
}
