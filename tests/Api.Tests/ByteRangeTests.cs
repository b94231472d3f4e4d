using AudioMusic.ApiHost.Downloads;

namespace AudioMusic.Api.Tests;

public sealed class ByteRangeTests
{
    [Theory]
    [InlineData("bytes=0-99", 0, 100)]
    [InlineData("bytes=100-", 100, 900)]
    [InlineData("bytes=-10", 990, 10)]
    [InlineData("bytes=990-5000", 990, 10)]
    [InlineData("bytes=-5000", 0, 1000)]
    public void Parses_single_ranges(string header, long start, long length)
    {
        var range = ByteRange.Parse(header, 1000, out var unsatisfiable);
        Assert.False(unsatisfiable);
        Assert.Equal(new ByteRange(start, length), range);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("items=0-1")]
    [InlineData("bytes=0-1,5-6")]
    [InlineData("bytes=9-3")]
    [InlineData("bytes=abc")]
    public void Anything_else_serves_the_whole_file(string? header)
    {
        Assert.Null(ByteRange.Parse(header, 1000, out var unsatisfiable));
        Assert.False(unsatisfiable);
    }

    [Theory]
    [InlineData("bytes=1000-")]
    [InlineData("bytes=-0")]
    public void Ranges_past_the_end_are_unsatisfiable(string header)
    {
        Assert.Null(ByteRange.Parse(header, 1000, out var unsatisfiable));
        Assert.True(unsatisfiable);
    }
}
