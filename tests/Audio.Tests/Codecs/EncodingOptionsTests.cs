using AudioMusic.Audio.Codecs;
using AudioMusic.Domain;
using AudioMusic.TestSupport;

namespace AudioMusic.Audio.Tests.Codecs;

/// <summary>Tags and bitrates, judged by ffprobe and ffmpeg rather than by our own reading of the files.</summary>
public sealed class EncodingOptionsTests
{
    private static readonly AudioEncoders Encoders = AudioEncoders.CreateDefault();
    private static readonly AudioTags Tags = new("Ünïcode Song: \"one\"", 1234567, "builtin-v1");

    [Theory]
    [InlineData("flac")]
    [InlineData("wav")]
    [InlineData("mp3")]
    [InlineData("ogg")]
    [InlineData("opus")]
    public void Every_format_carries_title_seed_and_model_where_ffprobe_reads_them(string extension)
    {
        var audio = CodecSignals.Named("chord");
        var file = Encode(extension, audio, new EncodingOptions(Tags: Tags));

        var probe = MediaProbe.Of(file, extension);

        Assert.Equal(Tags.Title, probe.Tags["TITLE"]);
        if (extension == "wav")
        {
            // RIFF INFO has no seed or model fields: they share the comment.
            Assert.Equal("seed=1234567; model=builtin-v1", probe.Tags["COMMENT"]);
        }
        else
        {
            Assert.Equal("1234567", probe.Tags["SEED"]);
            Assert.Equal("builtin-v1", probe.Tags["MODEL"]);
        }
        // The tags do not get in the way of decoding: the whole programme comes back (MP3 within one granule).
        Assert.InRange(ExternalDecoder.Decode(file, extension).Frames, audio.Frames - 1152, audio.Frames + 1152);
    }

    [Theory]
    [InlineData("mp3", 128)]
    [InlineData("mp3", 320)]
    [InlineData("ogg", 96)]
    [InlineData("opus", 64)]
    [InlineData("opus", 192)]
    public void A_requested_bitrate_is_the_bitrate_of_the_file(string extension, int kbps)
    {
        var audio = CodecSignals.ThreeMinuteSong();
        var shortSong = new AudioBuffer(audio.SampleRate, audio.Channels.Select(c => c[..(20 * audio.SampleRate)]).ToArray());
        var file = Encode(extension, shortSong, new EncodingOptions(kbps));

        // Measured from the size: what a listener downloads per second, container overhead included.
        var measured = file.Length * 8 / shortSong.DurationSeconds / 1000;
        if (extension == "ogg")
        {
            // Vorbis takes the bitrate as its nominal rate and picks the quality that averages it on typical music;
            // this simple test programme needs fewer bits, never more.
            Assert.Equal(kbps * 1000, MediaProbe.Of(file, extension).BitRate);
            Assert.InRange(measured, kbps * 0.3, kbps * 1.12);
        }
        else
        {
            Assert.InRange(measured, kbps * 0.85, kbps * 1.12);
        }
    }

    [Fact]
    public void Opus_is_ogg_opus_at_48_khz_with_the_exact_length()
    {
        var audio = CodecSignals.Named("chord");
        var file = Encode("opus", audio, EncodingOptions.Default);

        var probe = MediaProbe.Of(file, "opus");
        Assert.Equal("opus", probe.Codec);
        Assert.Equal(48_000, probe.SampleRate);
        Assert.Equal(2, probe.Channels);
        // Pre-skip and the last page's granule position trim the decoder's output to the input's length.
        Assert.Equal(audio.Frames, ExternalDecoder.Decode(file, "opus").Frames);
        Assert.Equal("OggS"u8.ToArray(), file[..4]);
    }

    [Fact]
    public void Opus_refuses_audio_that_is_not_at_48_khz()
    {
        var audio = AudioBuffer.Silence(44_100, 2, 44_100);
        Assert.Throws<ArgumentException>(() => Encode("opus", audio, EncodingOptions.Default));
    }

    [Fact]
    public void Mp3_refuses_a_bitrate_no_frame_can_state()
    {
        Assert.Throws<ArgumentException>(() => Encode("mp3", CodecSignals.Named("sine"), new EncodingOptions(100)));
    }

    private static byte[] Encode(string extension, AudioBuffer audio, EncodingOptions options)
    {
        Assert.True(AudioFormatNames.TryParse(extension, out var format));
        using var output = new MemoryStream();
        Encoders.Get(format)!.Encode(audio, output, options);
        return output.ToArray();
    }
}
