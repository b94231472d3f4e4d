using AudioMusic.Audio.Codecs.Native;
using AudioMusic.Audio.Codecs.Tags;
using AudioMusic.Domain;

namespace AudioMusic.Audio.Codecs;

/// <summary>MP3 through the system's LAME: VBR quality 2 (LAME's "standard" preset, about 190 kbps for music),
/// joint stereo, the input's sample rate kept, and a Xing/LAME tag in the first frame so players know the exact
/// duration and the encoder delay to trim. A bitrate, when asked for, makes it constant-bitrate at that rate.
/// Tags go into an ID3v2.4 tag in front of the audio, which LAME's own tag frame then follows.</summary>
public sealed unsafe class Mp3Encoder : IAudioEncoder
{
    private const int JointStereo = 1;
    private const int Mono = 3;
    private const int VbrOff = 0;
    private const int VbrMtrh = 4;
    private const float VbrQuality = 2f;
    // LAME's own algorithm-quality scale (0 best … 9 fastest); 3 is near the best at a fraction of the time.
    private const int AlgorithmQuality = 3;
    private const int FramesPerCall = 8192;
    private static readonly int[] SupportedRates = [8_000, 11_025, 12_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000];


    public AudioFormat Format => AudioFormat.Mp3;

    public bool IsAvailable => LameLibrary.Instance is not null;

    public string? UnavailableReason => LameLibrary.LoadFailure;

    public void Encode(AudioBuffer audio, Stream output, EncodingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(output);
        var lame = LameLibrary.Instance ?? throw new InvalidOperationException(UnavailableReason);
        if (audio.ChannelCount > 2)
        {
            throw new ArgumentException($"MP3 holds mono or stereo; this buffer has {audio.ChannelCount} channels.", nameof(audio));
        }
        if (!SupportedRates.Contains(audio.SampleRate))
        {
            throw new ArgumentException($"MP3 cannot store {audio.SampleRate} Hz audio without resampling.", nameof(audio));
        }

        var handle = lame.Init();
        if (handle == 0)
        {
            throw new InvalidOperationException("lame_init failed (out of memory?).");
        }
        try
        {
            Configure(lame, handle, audio, options?.BitrateKbps);
            var sink = new SeekBackOutput(output);
            var id3 = Id3Tag.Build(options?.Tags);
            sink.Stream.Write(id3);
            var buffer = new byte[(FramesPerCall * 5 / 4) + 7200];
            var left = new float[FramesPerCall];
            var right = new float[FramesPerCall];
            fixed (byte* mp3 = buffer)
            fixed (float* l = left)
            fixed (float* r = right)
            {
                for (var start = 0; start < audio.Frames; start += FramesPerCall)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var count = Math.Min(FramesPerCall, audio.Frames - start);
                    PcmQuantizer.Clip(audio.Channels[0].AsSpan(start, count), left);
                    PcmQuantizer.Clip(audio.Channels[audio.ChannelCount - 1].AsSpan(start, count), right);
                    var written = lame.EncodeFloat(handle, l, r, count, mp3, buffer.Length);
                    sink.Stream.Write(buffer, 0, Checked(written, "lame_encode_buffer_ieee_float"));
                }
                var tail = lame.Flush(handle, mp3, buffer.Length);
                sink.Stream.Write(buffer, 0, Checked(tail, "lame_encode_flush"));

                // LAME reserved the first frame for this tag; now that the stream is complete it can be filled in.
                var tagLength = (int)lame.GetLameTagFrame(handle, mp3, (nuint)buffer.Length);
                if (tagLength > 0 && tagLength <= buffer.Length)
                {
                    sink.Patch(id3.Length, buffer.AsSpan(0, tagLength));
                }
            }
            sink.Complete();
        }
        finally
        {
            lame.Close(handle);
        }
    }

    private static void Configure(LameLibrary lame, nint handle, AudioBuffer audio, int? bitrateKbps)
    {
        if (bitrateKbps is { } kbps && !Domain.RenditionLimits.Mp3.Allows(kbps))
        {
            throw new ArgumentException($"MP3 has no constant bitrate of {kbps} kbps.", nameof(bitrateKbps));
        }
        lame.SetNumChannels(handle, audio.ChannelCount);
        lame.SetInSampleRate(handle, audio.SampleRate);
        lame.SetOutSampleRate(handle, audio.SampleRate);
        lame.SetMode(handle, audio.ChannelCount == 1 ? Mono : JointStereo);
        if (bitrateKbps is { } constant)
        {
            lame.SetVbr(handle, VbrOff);
            lame.SetBitrate(handle, constant);
        }
        else
        {
            lame.SetVbr(handle, VbrMtrh);
            lame.SetVbrQuality(handle, VbrQuality);
        }
        lame.SetQuality(handle, AlgorithmQuality);
        lame.SetWriteVbrTag(handle, 1);
        lame.SetWriteId3TagAutomatic(handle, 0);
        if (lame.InitParams(handle) < 0)
        {
            throw new InvalidOperationException($"LAME rejected the parameters ({audio.ChannelCount} channels at {audio.SampleRate} Hz).");
        }
    }

    private static int Checked(int result, string call) =>
        result >= 0 ? result : throw new InvalidOperationException($"{call} failed with code {result}.");
}
