namespace AudioMusic.Audio.Codecs;

/// <summary>How one file is encoded: an optional target bitrate for the lossy formats (null: the encoder's own
/// quality-based default) and the tags the file carries about itself.</summary>
public sealed record EncodingOptions(int? BitrateKbps = null, AudioTags? Tags = null)
{
    public static EncodingOptions Default { get; } = new();
}

/// <summary>What a file says about itself in its own metadata (Vorbis comments, ID3v2, OpusTags, RIFF INFO).</summary>
public sealed record AudioTags(string? Title, int? Seed, string? Model)
{
    public const string Software = "AudioMusic";

    /// <summary>No title, seed or model: only the encoder is named.</summary>
    public static AudioTags None { get; } = new(null, null, null);

    /// <summary>Name/value pairs in Vorbis-comment naming (TITLE, SEED, MODEL, ENCODER), in a fixed order.</summary>
    public IEnumerable<(string Name, string Value)> Fields()
    {
        if (!string.IsNullOrEmpty(Title))
        {
            yield return ("TITLE", Title);
        }
        if (Seed is { } seed)
        {
            yield return ("SEED", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (!string.IsNullOrEmpty(Model))
        {
            yield return ("MODEL", Model);
        }
        yield return ("ENCODER", Software);
    }
}
