using System.Buffers.Binary;
using System.Security.Cryptography;
using AudioMusic.Audio.Codecs;
using AudioMusic.TestSupport;

namespace AudioMusic.Audio.Tests.Codecs;

public sealed class LosslessCodecTests
{
    [Theory]
    [MemberData(nameof(CodecSignals.LosslessCases), MemberType = typeof(CodecSignals))]
    public void Flac_passes_the_reference_decoder_and_decodes_bit_exactly(string signal)
    {
        var audio = CodecSignals.Named(signal);
        var flac = Encode(new FlacEncoder(), audio);

        var test = FlacReferenceDecoder.Test(flac);
        Assert.True(test.Passed, $"flac -t rejected the '{signal}' file: {test.Output}");
        AssertSamplesEqual(PcmQuantizer.QuantizeAll(audio), FlacReferenceDecoder.Decode16(flac, audio.ChannelCount));
    }

    [Theory]
    [MemberData(nameof(CodecSignals.LosslessCases), MemberType = typeof(CodecSignals))]
    public void Wav_and_flac_decode_through_ffmpeg_to_the_same_quantised_samples(string signal)
    {
        var audio = CodecSignals.Named(signal);
        var expected = PcmQuantizer.QuantizeAll(audio);
        foreach (var (encoder, extension) in new (IAudioEncoder, string)[] { (new WavEncoder(), "wav"), (new FlacEncoder(), "flac") })
        {
            var decoded = ExternalDecoder.Decode(Encode(encoder, audio), extension);
            Assert.Equal(audio.SampleRate, decoded.SampleRate);
            Assert.Equal(audio.ChannelCount, decoded.ChannelCount);
            AssertSamplesEqual(expected, ToInt16(decoded));
        }
    }

    [Fact]
    public void Flac_streaminfo_records_length_md5_and_frame_sizes()
    {
        var audio = CodecSignals.Named("short-4097");
        var flac = Encode(new FlacEncoder(), audio);

        Assert.Equal("fLaC"u8.ToArray(), flac[..4]);
        // STREAMINFO (type 0) comes first and is not the last block: the tags' VORBIS_COMMENT block follows it.
        Assert.Equal(0x00, flac[4]);
        var info = flac.AsSpan(8, 34);
        Assert.Equal(FlacEncoder.BlockSize, BinaryPrimitives.ReadUInt16BigEndian(info));
        Assert.Equal(FlacEncoder.BlockSize, BinaryPrimitives.ReadUInt16BigEndian(info[2..]));
        var packed = BinaryPrimitives.ReadUInt64BigEndian(info[10..]);
        Assert.Equal(48_000UL, packed >> 44);
        Assert.Equal(1UL, (packed >> 41) & 7);
        Assert.Equal(15UL, (packed >> 36) & 31);
        Assert.Equal((ulong)audio.Frames, packed & 0xF_FFFF_FFFF);

        var interleaved = new byte[audio.Frames * 4];
        var quantised = PcmQuantizer.QuantizeAll(audio);
        for (var i = 0; i < audio.Frames; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(interleaved.AsSpan(i * 4), quantised[0][i]);
            BinaryPrimitives.WriteInt16LittleEndian(interleaved.AsSpan((i * 4) + 2), quantised[1][i]);
        }
        Assert.Equal(MD5.HashData(interleaved), info[18..].ToArray());

        // Two frames (4096 samples + 1): the second, one-sample frame is the last sync code in the file.
        // Frames start after STREAMINFO (4 + 34 bytes after the marker) and the last block, VORBIS_COMMENT (type 4).
        Assert.Equal(0x84, flac[42]);
        var firstFrame = 46 + ((flac[43] << 16) | (flac[44] << 8) | flac[45]);
        var secondFrame = FindLastSync(flac);
        var sizes = new[] { secondFrame - firstFrame, flac.Length - secondFrame };
        var minFrame = (info[4] << 16) | (info[5] << 8) | info[6];
        var maxFrame = (info[7] << 16) | (info[8] << 8) | info[9];
        Assert.Equal(sizes.Min(), minFrame);
        Assert.Equal(sizes.Max(), maxFrame);
    }

    [Fact]
    public void Flac_is_deterministic_and_identical_on_seekable_and_unseekable_outputs()
    {
        var audio = CodecSignals.Named("chord");
        var first = Encode(new FlacEncoder(), audio);
        var second = Encode(new FlacEncoder(), audio);
        using var pipe = new ForwardOnlyStream();
        new FlacEncoder().Encode(audio, pipe);

        Assert.Equal(first, second);
        Assert.Equal(first, pipe.ToArray());
    }

    [Fact]
    public void Flac_compresses_tonal_audio_well_below_pcm_size()
    {
        var audio = CodecSignals.Named("chord");
        var flac = Encode(new FlacEncoder(), audio);
        var wav = Encode(new WavEncoder(), audio);
        Assert.True(flac.Length < wav.Length * 0.45, $"FLAC {flac.Length} bytes vs WAV {wav.Length} bytes");
    }

    [Fact]
    public void Empty_buffer_gives_valid_empty_files()
    {
        var audio = AudioBuffer.Silence(48_000, 2, 0);
        var flac = Encode(new FlacEncoder(), audio);
        // STREAMINFO's total of 0 also means "unknown", which flac -t mentions as a warning; the file is still valid.
        var test = FlacReferenceDecoder.Test(flac, warningsAreErrors: false);
        Assert.True(test.Passed, test.Output);
        Assert.All(FlacReferenceDecoder.Decode16(flac, 2), channel => Assert.Empty(channel));
        var wav = Encode(new WavEncoder(), audio);
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(40)));
        Assert.Equal("LIST"u8.ToArray(), wav[44..48]);
    }

    [Fact]
    public void Three_minute_song_round_trips_exactly_through_flac()
    {
        var audio = CodecSignals.ThreeMinuteSong();
        var flac = Encode(new FlacEncoder(), audio);

        var test = FlacReferenceDecoder.Test(flac);
        Assert.True(test.Passed, test.Output);
        AssertSamplesEqual(PcmQuantizer.QuantizeAll(audio), FlacReferenceDecoder.Decode16(flac, 2));
    }

    [Fact]
    public void Encoders_stop_when_cancelled()
    {
        var audio = CodecSignals.Named("noise");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        foreach (var encoder in AudioEncoders.CreateDefault().Available.Select(f => AudioEncoders.CreateDefault().Get(f)!))
        {
            Assert.ThrowsAny<OperationCanceledException>(() => encoder.Encode(audio, new MemoryStream(), cancellationToken: cancelled.Token));
        }
    }

    [Fact]
    public void Vectorised_quantiser_matches_the_scalar_rule()
    {
        float[] samples = [0f, 1f, -1f, 1.5f, -1.5f, 0.5f / 32768, 1.5f / 32768, -0.5f / 32768, 0.99999f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0.123456f, -0.7f, 2.5f / 32768, 1e-9f, -1e-9f];
        var vectorised = new int[samples.Length];
        PcmQuantizer.Quantize(samples, vectorised);
        Assert.Equal(samples.Select(PcmQuantizer.ToInt16).ToArray(), vectorised);
        Assert.Equal([0, 32767, -32768, 32767, -32768, 0, 2, 0], vectorised[..8]);
    }

    internal static byte[] Encode(IAudioEncoder encoder, AudioBuffer audio)
    {
        using var stream = new MemoryStream();
        encoder.Encode(audio, stream);
        return stream.ToArray();
    }

    private static short[][] ToInt16(AudioBuffer decoded) =>
        decoded.Channels.Select(c => c.Select(s => (short)Math.Round(s * 32768)).ToArray()).ToArray();

    private static void AssertSamplesEqual(short[][] expected, short[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var c = 0; c < expected.Length; c++)
        {
            Assert.Equal(expected[c].Length, actual[c].Length);
            for (var i = 0; i < expected[c].Length; i++)
            {
                if (expected[c][i] != actual[c][i])
                {
                    Assert.Fail($"channel {c} sample {i}: expected {expected[c][i]}, decoded {actual[c][i]}");
                }
            }
        }
    }

    private static int FindLastSync(byte[] data)
    {
        for (var i = data.Length - 2; i >= 0; i--)
        {
            if (data[i] == 0xFF && data[i + 1] == 0xF8)
            {
                return i;
            }
        }
        return -1;
    }
}

/// <summary>An output that cannot seek, like a network response.</summary>
internal sealed class ForwardOnlyStream : MemoryStream
{
    public override bool CanSeek => false;

    public override long Position
    {
        get => base.Position;
        set => throw new NotSupportedException();
    }

    public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
}
