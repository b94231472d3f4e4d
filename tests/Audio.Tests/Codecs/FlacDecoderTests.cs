using AudioMusic.Audio.Codecs;
using AudioMusic.TestSupport;

namespace AudioMusic.Audio.Tests.Codecs;

public sealed class FlacDecoderTests
{
    [Theory]
    [MemberData(nameof(CodecSignals.LosslessCases), MemberType = typeof(CodecSignals))]
    public void Our_own_files_decode_to_the_quantised_samples(string signal)
    {
        var audio = CodecSignals.Named(signal);
        var decoded = FlacDecoder.Decode(LosslessCodecTests.Encode(new FlacEncoder(), audio));

        Assert.Equal(audio.SampleRate, decoded.SampleRate);
        Assert.Equal(audio.ChannelCount, decoded.ChannelCount);
        AssertEqualPcm(PcmQuantizer.QuantizeAll(audio), decoded, bits: 16);
    }

    /// <summary>The reference encoder at its fastest and strongest settings and with its own block sizes exercises what
    /// ours never writes: variable LPC precision, escape codes, other block-size codes, 24-bit samples.</summary>
    [Theory]
    [InlineData("chord", "-0", 16)]
    [InlineData("chord", "-8", 16)]
    [InlineData("noise", "-8", 16)]
    [InlineData("hard-panned", "-5", 16)]
    [InlineData("short-15", "-8", 16)]
    [InlineData("mono", "-8", 16)]
    [InlineData("chord", "-8", 24)]
    [InlineData("sine", "--blocksize=1152", 16)]
    public void Files_of_the_reference_encoder_decode_to_the_samples_it_was_given(string signal, string setting, int bits)
    {
        var audio = CodecSignals.Named(signal);
        using var wav = TemporaryFile.Create("wav");
        using var flac = TemporaryFile.Create("flac");
        File.WriteAllBytes(wav.Path, LosslessCodecTests.Encode(new WavEncoder(), audio));
        // ffmpeg makes the 24-bit input (the 16-bit samples shifted up) so that both bit depths compare exactly.
        var source = wav.Path;
        using var wide = TemporaryFile.Create("wav");
        if (bits == 24)
        {
            ExternalTool.RunChecked("ffmpeg", ["-v", "error", "-y", "-i", wav.Path, "-c:a", "pcm_s24le", wide.Path]);
            source = wide.Path;
        }
        ExternalTool.RunChecked("flac", ["--silent", "--force", setting, "-o", flac.Path, source]);

        var decoded = FlacDecoder.Decode(File.ReadAllBytes(flac.Path));

        Assert.Equal(audio.Frames, decoded.Frames);
        AssertEqualPcm(PcmQuantizer.QuantizeAll(audio), decoded, bits);
    }

    [Fact]
    public void A_corrupted_frame_is_refused_by_its_checksum()
    {
        var flac = LosslessCodecTests.Encode(new FlacEncoder(), CodecSignals.Named("chord"));
        flac[flac.Length / 2] ^= 0x10;

        Assert.Throws<InvalidDataException>(() => FlacDecoder.Decode(flac));
    }

    [Fact]
    public void Something_that_is_not_flac_is_refused()
    {
        var wav = LosslessCodecTests.Encode(new WavEncoder(), CodecSignals.Named("sine"));

        var error = Assert.Throws<InvalidDataException>(() => FlacDecoder.Decode(wav));
        Assert.Contains("fLaC", error.Message, StringComparison.Ordinal);
    }

    private static void AssertEqualPcm(short[][] expected, AudioBuffer decoded, int bits)
    {
        var scale = 1 << (bits - 1);
        for (var c = 0; c < expected.Length; c++)
        {
            for (var i = 0; i < expected[c].Length; i++)
            {
                // 24-bit files hold the 16-bit value shifted up by 8 bits, so both read back as value / 32768.
                var sample = (int)Math.Round(decoded.Channels[c][i] * scale) >> (bits - 16);
                if (sample != expected[c][i])
                {
                    Assert.Fail($"channel {c}, sample {i}: expected {expected[c][i]}, decoded {sample}");
                }
            }
        }
    }
}
