using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace AudioMusic.Engines.AceStep.Text;

/// <summary>The Qwen2/Qwen3 byte-level BPE tokenizer built from a checkpoint's vocab.json and merges.txt, with its
/// added special tokens (e.g. &lt;|endoftext|&gt;) read from tokenizer.json or tokenizer_config.json.</summary>
public sealed partial class Qwen3Tokenizer
{
    private readonly BpeTokenizer _bpe;

    private Qwen3Tokenizer(BpeTokenizer bpe, IReadOnlyDictionary<string, int> specialTokens)
    {
        _bpe = bpe;
        SpecialTokens = specialTokens;
    }

    public IReadOnlyDictionary<string, int> SpecialTokens { get; }

    public static IReadOnlyList<string> RequiredFiles { get; } = ["vocab.json", "merges.txt"];

    public static Qwen3Tokenizer Load(string directory)
    {
        var specialTokens = ReadSpecialTokens(directory);
        var options = new BpeOptions(Path.Combine(directory, "vocab.json"), Path.Combine(directory, "merges.txt"))
        {
            ByteLevel = true,
            SpecialTokens = specialTokens,
            PreTokenizer = new RegexPreTokenizer(QwenPreTokenizerPattern(), specialTokens),
        };
        return new Qwen3Tokenizer(BpeTokenizer.Create(options), specialTokens);
    }

    /// <summary>Token ids of <paramref name="text"/>, at most <paramref name="maxTokens"/> (upstream truncates captions
    /// at 256 and lyrics at 2048 tokens).</summary>
    public IReadOnlyList<int> Encode(string text, int maxTokens)
    {
        var ids = _bpe.EncodeToIds(text, considerPreTokenization: true, considerNormalization: true);
        return ids.Count <= maxTokens ? ids : ids.Take(maxTokens).ToArray();
    }

    public string Decode(IEnumerable<int> ids) => _bpe.Decode(ids);

    private static Dictionary<string, int> ReadSpecialTokens(string directory)
    {
        var tokens = new Dictionary<string, int>(StringComparer.Ordinal);
        var tokenizerJson = Path.Combine(directory, "tokenizer.json");
        var configJson = Path.Combine(directory, "tokenizer_config.json");
        if (File.Exists(tokenizerJson))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(tokenizerJson));
            if (document.RootElement.TryGetProperty("added_tokens", out var added))
            {
                foreach (var token in added.EnumerateArray())
                {
                    tokens[token.GetProperty("content").GetString()!] = token.GetProperty("id").GetInt32();
                }
            }
        }
        else if (File.Exists(configJson))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(configJson));
            if (document.RootElement.TryGetProperty("added_tokens_decoder", out var added))
            {
                foreach (var token in added.EnumerateObject())
                {
                    tokens[token.Value.GetProperty("content").GetString()!] = int.Parse(token.Name, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        return tokens;
    }

    // The split pattern of Qwen2's tokenizer.json pre-tokenizer: contractions, letter runs, single digits,
    // punctuation runs, newlines and whitespace.
    [GeneratedRegex(@"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex QwenPreTokenizerPattern();
}
