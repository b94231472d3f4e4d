using AudioMusic.Domain;

namespace AudioMusic.Domain.Tests;

public sealed class KeyScaleTests
{
    [Theory]
    [InlineData("C major", 0, Mode.Major)]
    [InlineData("A minor", 9, Mode.Minor)]
    [InlineData("F# minor", 6, Mode.Minor)]
    [InlineData("Bb major", 10, Mode.Major)]
    [InlineData("ebm", 3, Mode.Minor)]
    [InlineData("D♭ major", 1, Mode.Major)]
    [InlineData("G", 7, Mode.Major)]
    public void Parses_common_spellings(string text, int tonic, Mode mode)
    {
        Assert.True(KeyScale.TryParse(text, out var key));
        Assert.Equal(tonic, key.Tonic);
        Assert.Equal(mode, key.Mode);
    }

    [Theory]
    [InlineData("H major")]
    [InlineData("C dorian")]
    [InlineData("")]
    [InlineData("C## major")]
    public void Rejects_what_is_not_a_key(string text) => Assert.False(KeyScale.TryParse(text, out _));

    [Fact]
    public void Relative_keys_share_their_pitches()
    {
        var c = KeyScale.Parse("C major");
        Assert.Equal(KeyScale.Parse("A minor"), c.Relative);
        Assert.Equal(c.ScalePitchClasses().Order(), c.Relative.ScalePitchClasses().Order());
    }
}
