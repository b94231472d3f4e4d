using AudioMusic.ApiHost.Outputs;
using AudioMusic.Domain;
using AudioMusic.Grains;

namespace AudioMusic.Api.Tests;

public sealed class TimedLyricsTests
{
    [Fact]
    public void Lines_keep_the_end_times_the_engine_gave()
    {
        var output = Output("[00:01.00]one\n[00:04.50]two") with
        {
            Lyrics = [new LyricLine(1.0, "one", 3.2), new LyricLine(4.5, "two", 7.75)],
        };

        var timed = TimedLyrics.Of(output);

        Assert.Equal([new TimedLineDto(1.0, 3.2, "one"), new TimedLineDto(4.5, 7.75, "two")], timed.Lines);
    }

    [Fact]
    public void Jobs_stored_with_lrc_alone_end_each_line_where_the_next_begins()
    {
        var timed = TimedLyrics.Of(Output("[00:01.00]one\n[01:04.50]two, with [brackets]\nnot a line"));

        Assert.Equal([new TimedLineDto(1.0, 64.5, "one"), new TimedLineDto(64.5, 90.0, "two, with [brackets]")], timed.Lines);
        Assert.Equal(90.0, timed.Duration);
    }

    private static JobAudio Output(string lrc) => new(0, 7, 90.0, 48_000, 2, [], lrc);
}
