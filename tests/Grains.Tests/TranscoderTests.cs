using AudioMusic.Audio;
using AudioMusic.Audio.Codecs;
using AudioMusic.Domain;
using AudioMusic.Grains.Renditions;
using AudioMusic.Storage.Memory;

namespace AudioMusic.Grains.Tests;

/// <summary>A rendition is stored whole or not at all.</summary>
public sealed class TranscoderTests
{
    private readonly MemoryArtifactStore _store = new(TimeProvider.System);
    private readonly Transcoder _transcoder;

    public TranscoderTests() => _transcoder = new Transcoder(_store, AudioEncoders.CreateDefault());

    [Fact]
    public async Task A_transcode_that_fails_half_way_leaves_nothing_behind()
    {
        var master = Flac(AudioBuffer.Silence(48_000, 2, 48_000 * 3));
        // A damaged frame in the middle: the decoder gets through the first frames, then refuses the stream.
        master[master.Length / 2] ^= 0x5A;
        await _store.WriteAsync("job/1-0.flac", new MemoryStream(master), "audio/flac", default);

        await Assert.ThrowsAsync<InvalidDataException>(() =>
            _transcoder.TranscodeAsync(new RenditionOrder("job/1-0.flac", new RenditionSpec(AudioFormat.Mp3), null, 1, null), "job/1-0.mp3", default));

        Assert.Null(await _store.GetInfoAsync("job/1-0.mp3", default));
        Assert.Equal(0, _transcoder.Transcodes);
    }

    [Fact]
    public async Task A_cancelled_transcode_leaves_nothing_behind()
    {
        await _store.WriteAsync("job/1-0.flac", new MemoryStream(Flac(AudioBuffer.Silence(48_000, 2, 48_000 * 3))), "audio/flac", default);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _transcoder.TranscodeAsync(new RenditionOrder("job/1-0.flac", new RenditionSpec(AudioFormat.Opus), null, 1, null), "job/1-0.opus", cancelled.Token));

        Assert.Null(await _store.GetInfoAsync("job/1-0.opus", default));
    }

    [Fact]
    public async Task A_missing_master_gives_no_file_and_no_error()
    {
        var made = await _transcoder.TranscodeAsync(new RenditionOrder("job/9-0.flac", new RenditionSpec(AudioFormat.Wav), null, 1, null), "job/9-0.wav", default);

        Assert.Null(made);
        Assert.Null(await _store.GetInfoAsync("job/9-0.wav", default));
    }

    private static byte[] Flac(AudioBuffer audio)
    {
        using var output = new MemoryStream();
        new FlacEncoder().Encode(audio, output);
        return output.ToArray();
    }
}
