using AudioMusic.Engines.AceStep.Checkpoints;
using AudioMusic.Engines.AceStep.Text;
using TorchSharp;

namespace AudioMusic.Engines.AceStep.Tests;

public sealed class FormatTests
{
    [Fact]
    public void TorchSaveArchiveRoundTrips()
    {
        var path = Path.GetTempFileName();
        try
        {
            var original = torch.arange(24, torch.ScalarType.Float32).reshape(1, 4, 6);
            TorchTensorFile.Write(path, original);
            using var read = TorchTensorFile.Read(path);
            Assert.Equal(new long[] { 1, 4, 6 }, read.shape);
            Assert.Equal(original.data<float>().ToArray(), read.data<float>().ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ByteLevelTokenizerMapsBytesAndKeepsSpecialTokensWhole()
    {
        var root = Directory.CreateTempSubdirectory("acestep-tok-").FullName;
        try
        {
            TinyCheckpoint.Write(root);
            var tokenizer = Qwen3Tokenizer.Load(Path.Combine(root, "Qwen3-Embedding-0.6B"));
            Assert.Equal([104, 105, 32, 33, 256], tokenizer.Encode("hi !<|endoftext|>", 100));
            Assert.Equal([104, 105], tokenizer.Encode("hi !", 2));
            Assert.Equal("é", tokenizer.Decode(tokenizer.Encode("é", 10)));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void PromptsFollowUpstreamTemplates()
    {
        var caption = PromptFormatter.Caption("dreamy synthpop", new SongMetadata(120, "4", "C major", 30.7));
        Assert.Equal(
            "# Instruction\nFill the audio semantic mask based on the given conditions:\n\n# Caption\ndreamy synthpop\n\n# Metas\n" +
            "- bpm: 120\n- timesignature: 4\n- keyscale: C major\n- duration: 30 seconds\n<|endoftext|>\n",
            caption);
        Assert.Equal("# Languages\nen\n\n# Lyric\n[verse]\nla la<|endoftext|>", PromptFormatter.Lyrics("[verse]\nla la", "en"));
        Assert.Contains("# Lyric\n[Instrumental]<|endoftext|>", PromptFormatter.Lyrics(null, "unknown"), StringComparison.Ordinal);
        Assert.Contains("- bpm: N/A\n", PromptFormatter.Metas(new SongMetadata(null, null, null, 10)), StringComparison.Ordinal);
    }
}
