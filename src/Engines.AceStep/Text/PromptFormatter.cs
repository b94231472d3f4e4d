using System.Globalization;

namespace AudioMusic.Engines.AceStep.Text;

/// <summary>Musical metadata as the DiT was trained to read it; null fields are written "N/A" as upstream does.</summary>
public sealed record SongMetadata(int? Bpm, string? TimeSignature, string? KeyScale, double DurationSeconds);

/// <summary>Formats the caption and lyric prompts exactly as upstream's text-to-music path does.</summary>
public static class PromptFormatter
{
    public const string TextToMusicInstruction = "Fill the audio semantic mask based on the given conditions:";
    public const string InstrumentalLyrics = "[Instrumental]";
    public const int MaxCaptionTokens = 256;
    public const int MaxLyricTokens = 2048;

    public static string Caption(string caption, SongMetadata metadata) =>
        $"# Instruction\n{TextToMusicInstruction}\n\n# Caption\n{caption}\n\n# Metas\n{Metas(metadata)}<|endoftext|>\n";

    public static string Metas(SongMetadata metadata) =>
        $"- bpm: {metadata.Bpm?.ToString(CultureInfo.InvariantCulture) ?? "N/A"}\n" +
        $"- timesignature: {metadata.TimeSignature ?? "N/A"}\n" +
        $"- keyscale: {metadata.KeyScale ?? "N/A"}\n" +
        $"- duration: {(int)metadata.DurationSeconds} seconds\n";

    /// <summary>Lyrics with their language header; instrumental songs carry upstream's "[Instrumental]" marker.</summary>
    public static string Lyrics(string? lyrics, string language) =>
        $"# Languages\n{language}\n\n# Lyric\n{(string.IsNullOrWhiteSpace(lyrics) ? InstrumentalLyrics : lyrics)}<|endoftext|>";
}
