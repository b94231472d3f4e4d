using System.Buffers.Binary;
using AudioMusic.Audio.Codecs.Ogg;
using AudioMusic.Audio.Codecs.Tags;
using AudioMusic.Domain;
using Concentus;
using Concentus.Enums;

namespace AudioMusic.Audio.Codecs;

/// <summary>Opus in Ogg (RFC 7845) through Concentus, a managed port of libopus: nothing native to install, and the
/// same bytes on every machine. 20 ms frames, music signal type, constrained VBR at 160 kbps unless a bitrate is
/// asked for. Opus always codes at 48 kHz; other input rates are refused rather than resampled silently.</summary>
public sealed class OggOpusEncoder : IAudioEncoder
{
    public const int SampleRate = 48_000;
    public const int DefaultBitrateKbps = 160;
    private const int FrameSize = 960;
    private const int MaxPacketBytes = 4000;
    private const uint StreamSerialNumber = 0x416D_7570;

    static OggOpusEncoder()
    {
        // The factory would pick a system libopus when one is installed (ffmpeg brings one); the managed code keeps
        // the output identical on every machine.
        OpusCodecFactory.AttemptToUseNativeLibrary = false;
    }

    public AudioFormat Format => AudioFormat.Opus;

    public bool IsAvailable => true;

    public string? UnavailableReason => null;

    public void Encode(AudioBuffer audio, Stream output, EncodingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(output);
        if (audio.ChannelCount > 2)
        {
            throw new ArgumentException($"This encoder writes mono or stereo Opus; the buffer has {audio.ChannelCount} channels.", nameof(audio));
        }
        if (audio.SampleRate != SampleRate)
        {
            throw new ArgumentException($"Opus codes 48000 Hz audio; resample the {audio.SampleRate} Hz buffer first.", nameof(audio));
        }
        options ??= EncodingOptions.Default;
        var channels = audio.ChannelCount;
        using var encoder = OpusCodecFactory.CreateEncoder(SampleRate, channels, OpusApplication.OPUS_APPLICATION_AUDIO);
        encoder.Bitrate = (options.BitrateKbps ?? DefaultBitrateKbps) * 1000;
        encoder.SignalType = OpusSignal.OPUS_SIGNAL_MUSIC;
        encoder.UseVBR = true;
        encoder.UseConstrainedVBR = true;
        encoder.Complexity = 10;
        // The decoder drops the encoder's look-ahead ("pre-skip") at the start; the last page's granule position
        // trims the padding of the final frame, so the decoded length equals the input's exactly.
        var preSkip = encoder.Lookahead;
        var pages = new OggPageWriter(output, StreamSerialNumber);
        pages.Add(OpusHead(channels, preSkip, audio.SampleRate), 0, endsPage: true);
        pages.Add(VorbisComments.Build(options.Tags, "OpusTags"u8), 0, endsPage: true);

        var totalToEncode = audio.Frames + preSkip;
        var frameCount = Math.Max(1, (totalToEncode + FrameSize - 1) / FrameSize);
        var pcm = new float[FrameSize * channels];
        var packet = new byte[MaxPacketBytes];
        for (var f = 0; f < frameCount; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Interleave(audio, f * FrameSize, pcm);
            var length = encoder.Encode(pcm, FrameSize, packet, packet.Length);
            if (length < 0)
            {
                throw new InvalidOperationException($"The Opus encoder failed with code {length}.");
            }
            var last = f == frameCount - 1;
            var granule = last ? (long)audio.Frames + preSkip : (long)(f + 1) * FrameSize;
            // About one second of audio per page: small enough to seek in, large enough to keep overhead low.
            pages.Add(packet.AsSpan(0, length), granule, endsPage: (f + 1) % 50 == 0, endOfStream: last);
        }
        output.Flush();
    }

    private static void Interleave(AudioBuffer audio, int start, float[] destination)
    {
        var channels = audio.ChannelCount;
        Array.Clear(destination);
        var count = Math.Clamp(audio.Frames - start, 0, FrameSize);
        for (var c = 0; c < channels; c++)
        {
            var source = audio.Channels[c];
            for (var i = 0; i < count; i++)
            {
                destination[(i * channels) + c] = Math.Clamp(source[start + i], -1f, 1f);
            }
        }
    }

    /// <summary>The identification header (RFC 7845 §5.1), channel mapping family 0.</summary>
    private static byte[] OpusHead(int channels, int preSkip, int inputSampleRate)
    {
        var head = new byte[19];
        "OpusHead"u8.CopyTo(head);
        head[8] = 1;
        head[9] = (byte)channels;
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(10), (ushort)preSkip);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(12), (uint)inputSampleRate);
        BinaryPrimitives.WriteInt16LittleEndian(head.AsSpan(16), 0);
        head[18] = 0;
        return head;
    }
}
