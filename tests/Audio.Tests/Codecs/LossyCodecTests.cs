using AudioMusic.Audio.Codecs;
using AudioMusic.Domain;
using AudioMusic.TestSupport;

namespace AudioMusic.Audio.Tests.Codecs;

public sealed class LossyCodecTests
{
    private static readonly AudioEncoders Encoders = AudioEncoders.CreateDefault();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var format in new[] { "mp3", "ogg", "opus" })
        {
            foreach (var signal in CodecSignals.LossyCases)
            {
                data.Add(format, signal);
            }
        }
        return data;
    }

    [Fact]
    public void Mp3_and_ogg_are_available_where_their_libraries_are_installed_and_opus_everywhere()
    {
        // This machine class (and CI) installs libmp3lame0 and libvorbisenc2; their absence must be reported, not hidden.
        Assert.Null(Encoders.WhyUnavailable(AudioFormat.Mp3));
        Assert.Null(Encoders.WhyUnavailable(AudioFormat.Ogg));
        Assert.Equal([AudioFormat.Flac, AudioFormat.Wav, AudioFormat.Mp3, AudioFormat.Ogg, AudioFormat.Opus], Encoders.Available);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Lossy_file_keeps_rate_channels_duration_and_waveform(string extension, string signal)
    {
        var audio = CodecSignals.Named(signal);
        var encoder = Encoders.Get(Parse(extension))!;
        var decoded = ExternalDecoder.Decode(LosslessCodecTests.Encode(encoder, audio), extension);

        Assert.Equal(audio.SampleRate, decoded.SampleRate);
        Assert.Equal(audio.ChannelCount, decoded.ChannelCount);
        // Both formats carry the encoder delay and padding (LAME tag, Ogg granule position), so a decoder that
        // honours them returns the input length; allow one MP3 granule for decoders that do not trim exactly.
        Assert.InRange(decoded.Frames, audio.Frames - 1152, audio.Frames + 1152);

        for (var c = 0; c < audio.ChannelCount; c++)
        {
            var reference = audio.Channels[c].Select(s => Math.Clamp(s, -1f, 1f)).ToArray();
            var candidate = decoded.Channels[c];
            if (Signal.Rms(reference) < 1e-6)
            {
                // The silent side of a hard-panned pair must stay silent (joint stereo may leak a little).
                Assert.True(Signal.RmsDb(candidate) < Signal.RmsDb(decoded.Channels[1 - c]) - 40, $"channel {c} leaked: {Signal.RmsDb(candidate):F1} dB");
                continue;
            }
            var window = Math.Min(8192, Math.Min(reference.Length, candidate.Length) - 4096);
            // Opus trims its delay exactly (pre-skip), so its search stays within the allowed offset: a periodic signal
            // would otherwise match a whole number of periods away as well as in place.
            var (lag, correlation) = Signal.BestAlignment(reference.AsSpan(2048, window), candidate.AsSpan(2048, window), extension == "opus" ? 64 : 1152);
            var snr = Signal.SnrDb(reference, candidate, lag);
            Assert.True(Math.Abs(lag) <= 64, $"{extension}/{signal} channel {c}: decoder offset {lag} samples");
            if (signal == "noise")
            {
                // Perceptual codecs do not keep white noise's waveform, only its level.
                Assert.InRange(Signal.RmsDb(candidate) - Signal.RmsDb(reference), -1.5, 1.5);
            }
            else if (signal == "clipped")
            {
                // A clipped sine's many harmonics are partly dropped as masked, so its waveform SNR is low by design;
                // what must hold is the shape and that the encoder clipped at full scale (the input peaks at 1.4).
                Assert.True(correlation > 0.97, $"{extension}/clipped channel {c}: correlation {correlation:F4}");
                Assert.InRange(Signal.Peak(candidate), 0.9, 1.15);
            }
            else
            {
                Assert.True(correlation > 0.99, $"{extension}/{signal} channel {c}: correlation {correlation:F4}");
                Assert.True(snr > 15, $"{extension}/{signal} channel {c}: SNR {snr:F1} dB");
            }
        }
    }

    [Theory]
    [InlineData("mp3")]
    [InlineData("ogg")]
    public void Lossy_encoders_are_deterministic_and_handle_unseekable_outputs(string extension)
    {
        var audio = CodecSignals.Named("chord");
        var encoder = Encoders.Get(Parse(extension))!;
        var first = LosslessCodecTests.Encode(encoder, audio);
        using var pipe = new ForwardOnlyStream();
        encoder.Encode(audio, pipe);

        Assert.Equal(first, LosslessCodecTests.Encode(encoder, audio));
        Assert.Equal(first, pipe.ToArray());
    }

    [Theory]
    [InlineData("mp3")]
    [InlineData("ogg")]
    public void Three_minute_song_keeps_its_duration(string extension)
    {
        var audio = CodecSignals.ThreeMinuteSong();
        var decoded = ExternalDecoder.Decode(LosslessCodecTests.Encode(Encoders.Get(Parse(extension))!, audio), extension);
        Assert.Equal(2, decoded.ChannelCount);
        Assert.InRange(decoded.DurationSeconds, 179.97, 180.03);
        Assert.InRange(Signal.RmsDb(decoded.Channels[0]) - Signal.RmsDb(audio.Channels[0]), -0.5, 0.5);
    }

    [Theory]
    [InlineData("mp3")]
    [InlineData("ogg")]
    public void Very_short_buffers_encode_to_decodable_files(string extension)
    {
        foreach (var signal in new[] { "short-1", "short-15", "short-4097" })
        {
            var audio = CodecSignals.Named(signal);
            var decoded = ExternalDecoder.Decode(LosslessCodecTests.Encode(Encoders.Get(Parse(extension))!, audio), extension);
            Assert.Equal(2, decoded.ChannelCount);
            Assert.InRange(decoded.Frames, 0, audio.Frames + 2304);
        }
    }

    [Fact]
    public void Mp3_carries_a_xing_or_lame_tag_in_its_first_frame()
    {
        var mp3 = LosslessCodecTests.Encode(Encoders.Get(AudioFormat.Mp3)!, CodecSignals.Named("sine"));
        var firstFrame = mp3.AsSpan(0, Math.Min(mp3.Length, 400));
        Assert.True(firstFrame.IndexOf("Xing"u8) >= 0 || firstFrame.IndexOf("Info"u8) >= 0, "no Xing/Info header in the first frame");
        Assert.True(firstFrame.IndexOf("LAME"u8) >= 0 || firstFrame.IndexOf("Lavc"u8) >= 0, "no LAME extension in the first frame");
    }

    [Fact]
    public void Registry_explains_formats_it_cannot_produce()
    {
        var onlyFlac = new AudioEncoders([new FlacEncoder()]);
        Assert.Null(onlyFlac.Get(AudioFormat.Mp3));
        Assert.Contains("mp3", onlyFlac.WhyUnavailable(AudioFormat.Mp3));
        Assert.Equal([AudioFormat.Flac], onlyFlac.Available);
        Assert.Null(onlyFlac.WhyUnavailable(AudioFormat.Flac));
    }

    private static AudioFormat Parse(string extension) =>
        AudioFormatNames.TryParse(extension, out var format) ? format : throw new ArgumentException(extension);
}
